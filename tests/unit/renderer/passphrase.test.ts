import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE, randomPassphrase } from '../../../renderer/src/dashboard/passphrase';
import { MIN_PASSPHRASE as CORE_MIN, passphraseProblem } from '../../../electron/services/records/seal';

describe('bundle passphrases made on screen', () => {
  it('are four groups of four letters and digits without look-alikes, accepted by the core', () => {
    for (let i = 0; i < 50; i++) {
      const passphrase = randomPassphrase();
      expect(passphrase).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
      expect(passphraseProblem(passphrase)).toBeNull();
    }
    expect(MIN_PASSPHRASE).toBe(CORE_MIN);
  });

  it('take every character of the alphabet from the generator given', () => {
    let n = 0;
    expect(randomPassphrase((size) => n++ % size)).toBe('abcd-efgh-jkmn-pqrs');
  });
});
