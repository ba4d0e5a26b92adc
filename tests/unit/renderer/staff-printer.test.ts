import { describe, expect, it } from 'vitest';
import { printerAddressProblem, printerDraft, printerSetting } from '../../../renderer/src/staff/printer';

describe('printer form', () => {
  it('turns a form into what settings store', () => {
    expect(printerSetting({ kind: 'none', address: 'x', paperWidthMm: 80 })).toBeNull();
    expect(printerSetting({ kind: 'tcp', address: ' 192.168.1.50 ', paperWidthMm: 58 })).toEqual({ uri: 'tcp://192.168.1.50:9100', paperWidthMm: 58 });
    expect(printerSetting({ kind: 'tcp', address: 'tcp://may-in.local:9101', paperWidthMm: 80 })).toEqual({ uri: 'tcp://may-in.local:9101', paperWidthMm: 80 });
    expect(printerSetting({ kind: 'device', address: '/dev/usb/lp0', paperWidthMm: 80 })).toEqual({ uri: '/dev/usb/lp0', paperWidthMm: 80 });
    expect(printerSetting({ kind: 'spooler', address: 'XP-80C', paperWidthMm: 80 })).toEqual({ uri: 'printer:XP-80C', paperWidthMm: 80 });
  });

  it('reads settings back into the form', () => {
    expect(printerDraft(null)).toEqual({ kind: 'none', address: '', paperWidthMm: 80 });
    expect(printerDraft({ uri: 'tcp://192.168.1.50:9100', paperWidthMm: 58 })).toEqual({ kind: 'tcp', address: '192.168.1.50:9100', paperWidthMm: 58 });
    expect(printerDraft({ uri: '\\\\.\\COM3', paperWidthMm: 80 })).toEqual({ kind: 'device', address: '\\\\.\\COM3', paperWidthMm: 80 });
    expect(printerDraft({ uri: 'printer:XP-80C', paperWidthMm: 80 }).kind).toBe('spooler');
    const draft = printerDraft({ uri: 'tcp://10.0.0.7:9100', paperWidthMm: 80 });
    expect(printerSetting(draft)).toEqual({ uri: 'tcp://10.0.0.7:9100', paperWidthMm: 80 });
  });

  it('says what is wrong with an address', () => {
    expect(printerAddressProblem({ kind: 'none', address: '', paperWidthMm: 80 })).toBeNull();
    expect(printerAddressProblem({ kind: 'tcp', address: '  ', paperWidthMm: 80 })).toBe('empty');
    expect(printerAddressProblem({ kind: 'tcp', address: '192.168.1.50 x', paperWidthMm: 80 })).toBe('tcp');
    expect(printerAddressProblem({ kind: 'tcp', address: '192.168.1.50:70000', paperWidthMm: 80 })).toBe('tcp');
    expect(printerAddressProblem({ kind: 'tcp', address: '[::1]:9100', paperWidthMm: 80 })).toBeNull();
    expect(printerAddressProblem({ kind: 'device', address: 'lp0', paperWidthMm: 80 })).toBe('device');
    expect(printerAddressProblem({ kind: 'device', address: '\\\\.\\COM3', paperWidthMm: 80 })).toBeNull();
    expect(printerAddressProblem({ kind: 'spooler', address: 'XP-80C', paperWidthMm: 80 })).toBeNull();
  });
});
