/** Why a new PIN is refused, mirroring the core's rule so staff hear it before anything is sent. */
export type PinProblem = 'length' | 'same' | 'sequence' | 'pattern';

/** The PIN's problem, or null when it is acceptable: 6 digits, not all alike, not a run, not a repeated group. */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^\d{6}$/.test(pin)) return 'length';
  const digits = [...pin].map(Number);
  if (new Set(digits).size === 1) return 'same';
  const steps = digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'sequence';
  for (const period of [2, 3]) {
    if (digits.every((d, i) => d === digits[i % period])) return 'pattern';
  }
  return null;
}
