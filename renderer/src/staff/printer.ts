/** How the receipt printer is connected, as the forms offer it. */
export type PrinterKind = 'none' | 'tcp' | 'device' | 'spooler';

/** The printer part of a form. */
export interface PrinterDraft {
  kind: PrinterKind;
  address: string;
  paperWidthMm: 58 | 80;
}

/** The printer as settings store it. */
export type PrinterSetting = { uri: string; paperWidthMm: 58 | 80 } | null;

/** A form draft for what settings hold. */
export function printerDraft(printer: PrinterSetting): PrinterDraft {
  if (!printer) return { kind: 'none', address: '', paperWidthMm: 80 };
  const uri = printer.uri.trim();
  if (uri.startsWith('tcp://')) return { kind: 'tcp', address: uri.slice('tcp://'.length), paperWidthMm: printer.paperWidthMm };
  if (uri.startsWith('printer:')) return { kind: 'spooler', address: uri.slice('printer:'.length), paperWidthMm: printer.paperWidthMm };
  return { kind: 'device', address: uri, paperWidthMm: printer.paperWidthMm };
}

/** Why the draft's address is unusable, or null. */
export function printerAddressProblem(draft: PrinterDraft): 'empty' | 'tcp' | 'device' | null {
  const address = draft.address.trim();
  if (draft.kind === 'none') return null;
  if (!address) return 'empty';
  if (draft.kind === 'tcp') {
    const host = address.replace(/^tcp:\/\//, '');
    const match = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host);
    if (!match || (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535))) return 'tcp';
  }
  if (draft.kind === 'device' && !(address.startsWith('/') || /^\\\\[.?]\\/.test(address) || /^[A-Z]:\\/i.test(address))) return 'device';
  return null;
}

/** What settings should store for the draft: `tcp://host:9100`, a device path or `printer:NAME`; null for none. */
export function printerSetting(draft: PrinterDraft): PrinterSetting {
  const address = draft.address.trim();
  switch (draft.kind) {
    case 'none':
      return null;
    case 'tcp': {
      const host = address.replace(/^tcp:\/\//, '');
      return { uri: `tcp://${/:\d+$/.test(host) && !host.endsWith(']') ? host : `${host}:9100`}`, paperWidthMm: draft.paperWidthMm };
    }
    case 'device':
      return { uri: address, paperWidthMm: draft.paperWidthMm };
    case 'spooler':
      return { uri: `printer:${address}`, paperWidthMm: draft.paperWidthMm };
  }
}
