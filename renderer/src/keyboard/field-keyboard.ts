// How a staff text field is typed on the on-screen keyboard: which keys to show, and what goes back.

/** The keys to show for a field: the digit pad alone, or letters that may open on the numbers page. */
export interface FieldKeys {
  layout: 'text' | 'digits';
  /** A text keyboard that opens on its numbers-and-signs page (an IP address and port). */
  startOnDigits: boolean;
}

/** What of an `<input>` decides its keys. */
export interface FieldKind {
  type: string;
  inputMode: string;
  maxLength: number;
}

/**
 * The keys for a field, from what it already tells a phone's keyboard: `tel` and `numeric` get the
 * digit pad (phone numbers, years); `decimal` gets letters opened on the numbers page, which has the
 * dots and colon of an address such as 192.168.1.50:9100.
 */
export function keysForField(field: Pick<FieldKind, 'type' | 'inputMode'>): FieldKeys {
  const mode = field.inputMode.toLowerCase();
  const type = field.type.toLowerCase();
  if (type === 'tel' || type === 'number' || mode === 'tel' || mode === 'numeric') return { layout: 'digits', startOnDigits: false };
  return { layout: 'text', startOnDigits: mode === 'decimal' };
}

/** The keyboard's text as the field takes it: NFC, and cut to the field's `maxlength` (a negative one means none). */
export function fitToField(text: string, maxLength: number): string {
  const nfc = text.normalize('NFC');
  if (maxLength < 0) return nfc;
  // `maxlength` counts UTF-16 units; a letter is never split in half.
  let kept = '';
  for (const ch of nfc) {
    if (kept.length + ch.length > maxLength) break;
    kept += ch;
  }
  return kept;
}

/**
 * Puts the keyboard's text into a field as if it had been typed: the value changes, then `input`
 * and `change` fire, so bindings, search-as-you-type and validation run as they do for keys.
 */
export function commitToField(input: HTMLInputElement, text: string): void {
  const value = fitToField(text, input.maxLength);
  if (input.value === value) return;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
