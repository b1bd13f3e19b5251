import type { AnswerStreamEvent } from "../../../schemas/answer-events.ts";
import { type BackoffLimits, backoffSeconds } from "../../pipeline/queue/backoff.ts";
import type { AlarmContext, AlarmTask } from "../../sessions/alarm-task.ts";
import type { AnswerEffect, SessionEffect } from "../../sessions/effect-types.ts";
import { hasTable } from "../../sessions/storage/schema-migrations.ts";
import { answerEventFrom, sessionEventFrom } from "./stream-events.ts";

/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;
/** Batches sent per alarm run; what remains goes on the next run, at once. */
const BATCHES_PER_RUN = 10;
/** A refused send is retried after 1 s, 2 s, 4 s… at most a minute. */
export const OUTBOX_BACKOFF: BackoffLimits = { baseSeconds: 1, maxSeconds: 60 };

type OutboxEnv = Pick<Env, "ANSWERS_QUEUE">;

/** Records an event in the outbox (inside the caller's transaction) and asks for an alarm to send it. */
function enqueue(sql: SqlStorage, event: AnswerStreamEvent, now: number, wakeAt: (at: number) => void): void {
  sql.exec(
    "INSERT INTO answer_outbox (id, event, created_at, next_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    event.id,
    JSON.stringify(event),
    now,
    now,
  );
  wakeAt(now);
}

/** The answer effect: the graded answer's stream event commits with the answer, or neither does. */
export const answerOutboxEffect: AnswerEffect = (sql, graded, ctx) =>
  enqueue(sql, answerEventFrom(graded), ctx.now, ctx.wakeAt);

/** The session effect: starts and finishes go the same way. */
export const sessionOutboxEffect: SessionEffect = (sql, event, ctx) =>
  enqueue(sql, sessionEventFrom(event), ctx.now, ctx.wakeAt);

interface OutboxRow extends Record<string, SqlStorageValue> {
  id: string;
  event: string;
  attempts: number;
}

/**
 * The alarm task: sends what is due to ANSWERS_QUEUE, oldest first, and deletes it once the
 * queue has taken it. A refused send stays, with its next attempt backed off; the task answers
 * when it next has work. A send that succeeded but whose delete did not commit is sent again:
 * the consumer's writes are idempotent by event id.
 */
export const flushOutbox: AlarmTask = async (ctx: AlarmContext & { env: OutboxEnv }) => {
  const sql = ctx.storage.sql;
  if (!hasOutbox(sql)) return null;
  for (let run = 0; run < BATCHES_PER_RUN; run++) {
    const rows = sql
      .exec<OutboxRow>(
        "SELECT id, event, attempts FROM answer_outbox WHERE next_at <= ? ORDER BY created_at, id LIMIT ?",
        ctx.now,
        SEND_BATCH,
      )
      .toArray();
    if (rows.length === 0) break;
    try {
      await ctx.env.ANSWERS_QUEUE.sendBatch(rows.map((r) => ({ body: JSON.parse(r.event), contentType: "json" })));
    } catch (error) {
      console.warn(`outbox: the queue refused ${rows.length} events;`, error);
      ctx.storage.transactionSync(() => {
        for (const r of rows) {
          const delay = backoffSeconds(r.attempts + 1, Math.random, OUTBOX_BACKOFF) * 1000;
          sql.exec("UPDATE answer_outbox SET attempts = attempts + 1, next_at = ? WHERE id = ?", ctx.now + delay, r.id);
        }
      });
      break;
    }
    ctx.storage.transactionSync(() => {
      for (const r of rows) sql.exec("DELETE FROM answer_outbox WHERE id = ?", r.id);
    });
  }
  const next = sql.exec<{ at: number | null }>("SELECT min(next_at) AS at FROM answer_outbox").one().at;
  return next === null ? null : Math.max(next, ctx.now);
};

function hasOutbox(sql: SqlStorage): boolean {
  return hasTable(sql, "answer_outbox");
}

/** Events still waiting in an object's outbox (for tests and diagnostics). */
export function pendingOutbox(sql: SqlStorage): number {
  if (!hasOutbox(sql)) return 0;
  return sql.exec<{ n: number }>("SELECT count(*) AS n FROM answer_outbox").one().n;
}
