import type { AlarmTask } from "./alarm-task.ts";

/**
 * Idempotency records are kept this long after the answer they replay. Clients retry within
 * seconds (an offline queue within hours); kept forever, every answer's stored response would
 * stay in the learner's object. After it, the same key is a new request, and the session answers
 * it: the question is no longer current (409), so the answer is still recorded once.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** Expiry runs at most this often in an object: the alarm runs after every event. */
const EXPIRY_EVERY_MS = 3_600_000;

/** When each object's expiry last ran, while it stays in memory. */
const lastRuns = new WeakMap<DurableObjectStorage, number>();

/**
 * The alarm task: deletes idempotency records past their retention, and answers when the oldest
 * left is due. The table holds a day of answers at most, so its scans stay short.
 */
export const expireIdempotencyRecords: AlarmTask = async ({ storage, now }) => {
  const last = lastRuns.get(storage);
  // Skipped: come back when it may run, since answers since the last run have records too.
  if (last !== undefined && now - last < EXPIRY_EVERY_MS) return last + EXPIRY_EVERY_MS;
  const sql = storage.sql;
  sql.exec("DELETE FROM idempotency_keys WHERE created_at < ?", now - IDEMPOTENCY_RETENTION_MS);
  const { oldest } = sql
    .exec<{ oldest: number | null }>("SELECT min(created_at) AS oldest FROM idempotency_keys")
    .one();
  lastRuns.set(storage, now);
  return oldest === null ? null : Math.max(oldest + IDEMPOTENCY_RETENTION_MS, now + EXPIRY_EVERY_MS);
};
