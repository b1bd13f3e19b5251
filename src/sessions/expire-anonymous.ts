import type { AlarmTask } from "./alarm-task.ts";
import type { SessionEffect } from "./effect-types.ts";
import type { SchemaMigration } from "./storage/schema-migrations.ts";

/**
 * Anonymous sessions are kept this long after their start: their answers reached the origin
 * through the stream long before, and a shared object would otherwise keep every one forever.
 */
export const ANONYMOUS_RETENTION_MS = 7 * 24 * 3_600_000;
/** Expiry runs at most this often in an object, however the starts are spread. */
const EXPIRY_EVERY_MS = 3_600_000;

/**
 * The alarm runs after every event of a busy shared object, and expiry with it: an index of the
 * anonymous sessions by start keeps its look at the oldest one a search, not a scan.
 */
export const anonymousSessionsByStart: SchemaMigration = {
  name: "0010-anonymous-sessions-by-start",
  up(sql) {
    sql.exec("CREATE INDEX sessions_anonymous_started_idx ON sessions (started_at) WHERE learner_id IS NULL");
  },
};

/** A started anonymous session asks the alarm to come back when it is due to go. */
export const scheduleAnonymousExpiry: SessionEffect = (_sql, event, ctx) => {
  if (event.type === "started" && event.learnerId === null) ctx.wakeAt(event.at + ANONYMOUS_RETENTION_MS);
};

/**
 * The alarm task: deletes anonymous sessions started before the retention window, with their
 * answers and idempotency records, in one transaction; answers when the next ones are due.
 */
export const expireAnonymousSessions: AlarmTask = async ({ storage, now, forgetSessions }) => {
  const sql = storage.sql;
  const cutoff = now - ANONYMOUS_RETENTION_MS;
  const expired = "SELECT id FROM sessions WHERE learner_id IS NULL AND started_at < ?";
  storage.transactionSync(() => {
    sql.exec(`DELETE FROM answers WHERE session_id IN (${expired})`, cutoff);
    sql.exec(`DELETE FROM idempotency_keys WHERE session_id IN (${expired})`, cutoff);
    const deleted = sql.exec("DELETE FROM sessions WHERE learner_id IS NULL AND started_at < ?", cutoff);
    if (deleted.rowsWritten > 0) forgetSessions();
  });
  const { oldest } = sql
    .exec<{ oldest: number | null }>("SELECT min(started_at) AS oldest FROM sessions WHERE learner_id IS NULL")
    .one();
  return oldest === null ? null : Math.max(oldest + ANONYMOUS_RETENTION_MS, now + EXPIRY_EVERY_MS);
};
