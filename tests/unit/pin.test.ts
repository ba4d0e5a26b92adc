import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, FIRST_LOCK_MS, lockRemaining, MAX_LOCK_MS, UNLOCKED, type LockoutState } from '../../electron/services/staff/lockout';
import { hashPin, pinProblem, randomPin, verifyPin } from '../../electron/services/staff/pin';

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses others, storing its parameters and never the PIN', async () => {
    const stored = await hashPin('482915');
    expect(stored).toMatchObject({ algo: 'scrypt', N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(JSON.stringify(stored)).not.toContain('482915');
    expect(await verifyPin('482915', stored)).toBe(true);
    expect(await verifyPin('482916', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPin('482915', { N: 1024, r: 8, p: 1 }), hashPin('482915', { N: 1024, r: 8, p: 1 })]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies with the parameters stored beside the hash', async () => {
    const cheap = await hashPin('305118', { N: 2048, r: 8, p: 1 });
    expect(await verifyPin('305118', cheap)).toBe(true);
  });
});

describe('trivial PINs', () => {
  it.each(['000000', '111111', '999999', '123456', '234567', '654321', '987654', '890123', '121212', '123123', '909090'])('refuses %s', (pin) => {
    expect(pinProblem(pin)).toMatch(/dễ đoán/);
  });

  it.each(['12345', '1234567', 'abcdef', '12 456', '１２３４５６'])('refuses the malformed %s', (pin) => {
    expect(pinProblem(pin)).toBe('Mã PIN phải gồm đúng 6 chữ số.');
  });

  it.each(['482915', '305118', '120987', '112233'])('accepts %s', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it('makes random one-time PINs that are never trivial', () => {
    for (let i = 0; i < 200; i++) expect(pinProblem(randomPin())).toBeNull();
  });
});

describe('lockout', () => {
  const fail = (state: LockoutState, times: number, now: number) => {
    let s = state;
    for (let i = 0; i < times; i++) s = afterFailure(s, now);
    return s;
  };

  it('allows 4 wrong PINs, locks 30 s on the fifth', () => {
    const four = fail(UNLOCKED, 4, 1000);
    expect(lockRemaining(four, 1000)).toBe(0);
    const five = afterFailure(four, 1000);
    expect(lockRemaining(five, 1000)).toBe(FIRST_LOCK_MS);
  });

  it('doubles each further lock up to 15 minutes', () => {
    let s = UNLOCKED;
    const lengths: number[] = [];
    for (let round = 0; round < 8; round++) {
      s = fail(s, 5, round * 1e7);
      lengths.push(lockRemaining(s, round * 1e7) / 1000);
    }
    expect(lengths).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(MAX_LOCK_MS).toBe(900_000);
  });

  it('starts over after a right PIN', () => {
    expect(afterSuccess()).toEqual(UNLOCKED);
  });
});
