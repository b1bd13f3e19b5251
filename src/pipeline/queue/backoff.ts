/** First retry after this many seconds, doubling per attempt. */
export const BACKOFF_BASE_SECONDS = 10;
/** Retries wait at most this long (Queues allow up to 12 hours). */
export const BACKOFF_MAX_SECONDS = 15 * 60;

export interface BackoffLimits {
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * Exponential backoff with jitter for a message on its `attempts`-th delivery (1 = first):
 * 10 s, 20 s, 40 s... capped, each spread by up to +25% so retries of a failed batch do not
 * arrive together. Other queues pass their own limits.
 */
export function backoffSeconds(
  attempts: number,
  random: () => number = Math.random,
  limits: BackoffLimits = { baseSeconds: BACKOFF_BASE_SECONDS, maxSeconds: BACKOFF_MAX_SECONDS },
): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  const base = Math.min(limits.baseSeconds * 2 ** exponent, limits.maxSeconds);
  return Math.min(limits.maxSeconds, Math.round(base * (1 + 0.25 * random())));
}
