import { describe, expect, it } from 'vitest';
import { commitToField, fitToField, keysForField } from '../../../renderer/src/keyboard/field-keyboard';

/** A stand-in for an `<input>`: a real event target with the value and maxlength the helper reads. */
function fakeInput(value: string, maxLength = -1): HTMLInputElement & { events: string[] } {
  const target = Object.assign(new EventTarget(), { value, maxLength, events: [] as string[] });
  for (const type of ['input', 'change']) target.addEventListener(type, (event) => target.events.push(`${event.type}:${target.value}:${String(event.bubbles)}`));
  return target as unknown as HTMLInputElement & { events: string[] };
}

describe('keysForField', () => {
  it('gives the digit pad to phone numbers and years', () => {
    expect(keysForField({ type: 'text', inputMode: 'tel' })).toEqual({ layout: 'digits', startOnDigits: false });
    expect(keysForField({ type: 'text', inputMode: 'numeric' })).toEqual({ layout: 'digits', startOnDigits: false });
    expect(keysForField({ type: 'tel', inputMode: '' })).toEqual({ layout: 'digits', startOnDigits: false });
  });

  it('opens an address (decimal) on the numbers page of the full keyboard, for its dots and colon', () => {
    expect(keysForField({ type: 'text', inputMode: 'decimal' })).toEqual({ layout: 'text', startOnDigits: true });
  });

  it('gives names and searches the letters', () => {
    expect(keysForField({ type: 'text', inputMode: '' })).toEqual({ layout: 'text', startOnDigits: false });
    expect(keysForField({ type: 'search', inputMode: '' })).toEqual({ layout: 'text', startOnDigits: false });
  });
});

describe('fitToField', () => {
  it('keeps NFC text whole when there is no maxlength', () => {
    expect(fitToField('Nguye\u0302\u0303n Thi\u0323 A\u0301nh', -1)).toBe('Nguyễn Thị Ánh');
  });

  it('cuts to maxlength without splitting a letter', () => {
    expect(fitToField('19580', 4)).toBe('1958');
    expect(fitToField('a😀', 2)).toBe('a');
    expect(fitToField('Ánh', 3)).toBe('Ánh');
  });
});

describe('commitToField', () => {
  it('replaces the value, then fires bubbling input and change as typing would', () => {
    const input = fakeInput('Tran');
    commitToField(input, 'Trần Văn Bình');
    expect(input.value).toBe('Trần Văn Bình');
    expect(input.events).toEqual(['input:Trần Văn Bình:true', 'change:Trần Văn Bình:true']);
  });

  it('respects the field maxlength', () => {
    const input = fakeInput('', 4);
    commitToField(input, '195812');
    expect(input.value).toBe('1958');
  });

  it('fires nothing when the text did not change', () => {
    const input = fakeInput('Ánh');
    commitToField(input, 'A\u0301nh');
    expect(input.events).toEqual([]);
  });
});
