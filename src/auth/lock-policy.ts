/**
 * The exponential lock after failed sign-ins, as pure functions of a key's state and the clock.
 * A few mistakes are free; from the fifth failure in a row the key is locked for 30 s, and each
 * further failure (possible only once a lock has run out) doubles the lock, up to an hour. A day
 * without failures forgets them.
 */
export const LOCK_POLICY = { freeFailures: 4, baseLockS: 30, maxLockS: 3600, forgetAfterS: 86_400 } as const;

export interface LockState {
  /** Failures in a row (not reset by a lock running out, only by a success or a quiet day). */
  failures: number;
  /** Epoch ms until which every attempt is refused; 0 when not locked. */
  lockedUntil: number;
  /** Epoch ms of the last failure. */
  lastFailure: number;
}

export const UNLOCKED: LockState = { failures: 0, lockedUntil: 0, lastFailure: 0 };

/** The lock that follows the `failures`-th failure in a row, in seconds (0: none yet). */
export function lockSeconds(failures: number): number {
  const over = failures - LOCK_POLICY.freeFailures;
  if (over <= 0) return 0;
  return Math.min(LOCK_POLICY.baseLockS * 2 ** (over - 1), LOCK_POLICY.maxLockS);
}

/** Seconds until the key may try again, rounded up; 0 when it may try now. */
export function retryAfterS(state: LockState, now: number): number {
  return state.lockedUntil > now ? Math.ceil((state.lockedUntil - now) / 1000) : 0;
}

/** The state after one more failure at `now`. */
export function afterFailure(state: LockState, now: number): LockState {
  const forgotten = now - state.lastFailure > LOCK_POLICY.forgetAfterS * 1000;
  const failures = (forgotten ? 0 : state.failures) + 1;
  const lock = lockSeconds(failures);
  return { failures, lockedUntil: lock > 0 ? now + lock * 1000 : 0, lastFailure: now };
}
