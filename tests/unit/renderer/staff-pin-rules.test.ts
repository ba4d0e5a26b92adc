import { describe, expect, it } from 'vitest';
import { pinProblem } from '../../../renderer/src/staff/pin-rules';
import { pinProblem as corePinProblem } from '../../../electron/services/staff/pin';

describe('PIN rule on the staff screens', () => {
  it('names why an easy PIN is refused', () => {
    expect(pinProblem('12345')).toBe('length');
    expect(pinProblem('12a456')).toBe('length');
    expect(pinProblem('000000')).toBe('same');
    expect(pinProblem('123456')).toBe('sequence');
    expect(pinProblem('987654')).toBe('sequence');
    expect(pinProblem('890123')).toBe('sequence');
    expect(pinProblem('121212')).toBe('pattern');
    expect(pinProblem('123123')).toBe('pattern');
    expect(pinProblem('482915')).toBeNull();
  });

  it('refuses exactly the PINs the core refuses, for all million of them', () => {
    const disagree: string[] = [];
    for (let n = 0; n < 1_000_000; n++) {
      const pin = String(n).padStart(6, '0');
      if ((pinProblem(pin) === null) !== (corePinProblem(pin) === null)) disagree.push(pin);
    }
    expect(disagree).toEqual([]);
  });
});
