import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A PIN hash with the scrypt parameters it was made with, so they can change without breaking old hashes. */
export interface PinHash {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: number;
  salt: string;
  hash: string;
}

/** scrypt cost used when nothing was calibrated: ~90 ms on a 2-core build machine, ~250 ms on a Celeron. */
export const DEFAULT_PIN_COST = { N: 2 ** 15, r: 8, p: 1 } as const;

function scrypt(pin: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(pin, salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a PIN with a fresh random salt. */
export async function hashPin(pin: string, cost: { N: number; r: number; p: number } = DEFAULT_PIN_COST): Promise<PinHash> {
  const salt = randomBytes(16);
  const keyLength = 32;
  const key = await scrypt(pin, salt, keyLength, cost);
  return { algo: 'scrypt', ...cost, keyLength, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Checks a PIN against a stored hash in constant time. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await scrypt(pin, Buffer.from(stored.salt, 'base64'), stored.keyLength, { N: stored.N, r: stored.r, p: stored.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Picks the scrypt cost for this machine: the smallest N (from 2^14 up to 2^17) whose hash takes
 * at least `targetMs`, so a PIN check stays deliberately slow (50–500 ms) on fast and weak PCs alike.
 */
export async function calibratePinCost(targetMs = 120): Promise<{ N: number; r: number; p: number }> {
  const salt = randomBytes(16);
  for (let N = 2 ** 14; N <= 2 ** 17; N *= 2) {
    const started = performance.now();
    await scrypt('000000', salt, 32, { N, r: 8, p: 1 });
    if (performance.now() - started >= targetMs || N === 2 ** 17) return { N, r: 8, p: 1 };
  }
  return DEFAULT_PIN_COST;
}

/** Why a PIN is not acceptable (Vietnamese), or null when it is fine. */
export function pinProblem(pin: string): string | null {
  if (!/^\d{6}$/.test(pin)) return 'Mã PIN phải gồm đúng 6 chữ số.';
  const digits = [...pin].map(Number);
  if (new Set(digits).size === 1) return 'Mã PIN quá dễ đoán (các số giống nhau). Hãy chọn mã khác.';
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'Mã PIN quá dễ đoán (các số liên tiếp). Hãy chọn mã khác.';
  for (const period of [2, 3]) {
    if (digits.every((d, i) => d === digits[i % period])) return 'Mã PIN quá dễ đoán (lặp lại một nhóm số). Hãy chọn mã khác.';
  }
  return null;
}

/** A random 6-digit PIN that passes {@link pinProblem}, for one-time resets. */
export function randomPin(): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (pinProblem(pin) === null) return pin;
  }
}
