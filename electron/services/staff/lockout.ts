/** Wrong PINs allowed before a lock. */
export const ATTEMPTS_BEFORE_LOCK = 5;
/** The first lock; each further lock doubles it. */
export const FIRST_LOCK_MS = 30_000;
/** The longest lock. */
export const MAX_LOCK_MS = 15 * 60_000;

/** Per-account lockout state, persisted with the account so it survives restarts. */
export interface LockoutState {
  /** Wrong PINs since the last success or lock. */
  failures: number;
  /** How many locks in a row (sets the next lock's length). */
  locks: number;
  /** Epoch ms until which sign-in is refused, or 0. */
  lockedUntil: number;
}

/** A fresh, unlocked state. */
export const UNLOCKED: LockoutState = { failures: 0, locks: 0, lockedUntil: 0 };

/** Milliseconds left on a lock at `now`, or 0. */
export function lockRemaining(state: LockoutState, now: number): number {
  return Math.max(0, state.lockedUntil - now);
}

/** The state after a wrong PIN: every fifth in a row locks, for 30 s doubling up to 15 min. */
export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  if (failures < ATTEMPTS_BEFORE_LOCK) return { ...state, failures };
  const length = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** state.locks);
  return { failures: 0, locks: state.locks + 1, lockedUntil: now + length };
}

/** The state after a right PIN. */
export function afterSuccess(): LockoutState {
  return { ...UNLOCKED };
}
