import { answerPoints } from "../progress/points.ts";
import { readProgress } from "../progress/progress-store.ts";
import { redisClient } from "../redis/upstash-client.ts";
import type { AlarmTask } from "../sessions/alarm-task.ts";
import type { AnswerEffect } from "../sessions/effect-types.ts";
import { type BoardWrite, planBoardWrites } from "./board-increments.ts";
import { applyBoardWrites } from "./board-store.ts";
import { boardMember, publicName } from "./display-name.ts";

/** A retry is due this long after a failed send, doubling per attempt up to MAX_RETRY_MS. */
export const RETRY_BASE_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;
/** A row being sent is left alone this long by other flushes (a crash mid-send frees it then). */
const CLAIM_MS = 30_000;
const BATCH = 25;
const REDIS_TIMEOUT_MS = 5_000;

type OutboxRow = { answer_id: string; learner_id: string; writes: string; created_at: number; attempts: number };

/**
 * A scoring answer of a signed-in learner queues its leaderboard writes in the learner's
 * object, in the answer's transaction: they are sent after the commit (never delaying the
 * answer) and stay queued, retried by the alarm, until Redis has taken them.
 */
export const queueBoardWrites: AnswerEffect = (sql, graded, ctx) => {
  if (graded.learnerId === null || !ctx.env.UPSTASH_REDIS_REST_URL) return;
  const points = answerPoints(graded);
  if (points === 0) return;
  const answer = { points, atMs: graded.answeredAt, category: graded.category };
  sql.exec("DELETE FROM board_tiebreaks WHERE expires_at IS NOT NULL AND expires_at < ?", ctx.now);
  const known = new Map(
    sql
      .exec<{ key: string; tiebreak: number }>("SELECT key, tiebreak FROM board_tiebreaks")
      .toArray()
      .map((r) => [r.key, r.tiebreak]),
  );
  const plan = planBoardWrites(answer, known);
  for (const write of plan.writes) {
    sql.exec(
      `INSERT INTO board_tiebreaks (key, tiebreak, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET tiebreak = excluded.tiebreak, expires_at = excluded.expires_at`,
      write.key,
      plan.tiebreaks.get(write.key) as number,
      write.ttlS === null ? null : graded.answeredAt + write.ttlS * 1000,
    );
  }
  sql.exec(
    "INSERT INTO board_outbox (answer_id, learner_id, writes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    graded.answerId,
    graded.learnerId,
    JSON.stringify(plan.writes),
    graded.answeredAt,
  );
  ctx.afterCommit(async () => {
    await flushBoardOutbox(ctx.storage, ctx.env, Date.now());
  });
  // Should the object be evicted before that send completes, the alarm sends it.
  ctx.wakeAt(ctx.now + RETRY_BASE_MS);
};

/** The writes still worth sending: a period board past its expiry is gone, so its write is dropped. */
function liveWrites(row: OutboxRow, now: number): BoardWrite[] {
  const writes = JSON.parse(row.writes) as BoardWrite[];
  const ageS = Math.floor((now - row.created_at) / 1000);
  return writes
    .filter((w) => w.ttlS === null || w.ttlS > ageS)
    .map((w) => ({ ...w, ttlS: w.ttlS === null ? null : w.ttlS - ageS }));
}

/**
 * Sends queued writes, oldest first, one atomic script per answer (applied once per answer id,
 * however often it is sent); a row is deleted only once Redis answered. Rows are claimed
 * before the send, so concurrent flushes do not send one at the same time.
 * Answers when to try again (epoch ms), or null when nothing is left.
 */
export async function flushBoardOutbox(storage: DurableObjectStorage, env: Env, now: number): Promise<number | null> {
  const sql = storage.sql;
  const redis = redisClient(env, { timeoutMs: REDIS_TIMEOUT_MS });
  if (!redis) return null;
  const rows = sql
    .exec<OutboxRow>(
      "SELECT answer_id, learner_id, writes, created_at, attempts FROM board_outbox WHERE claimed_until <= ? ORDER BY created_at LIMIT ?",
      now,
      BATCH,
    )
    .toArray();
  for (const row of rows)
    sql.exec("UPDATE board_outbox SET claimed_until = ? WHERE answer_id = ?", now + CLAIM_MS, row.answer_id);
  const progress = readProgress(sql);
  let failedAttempts: number | null = null;
  for (const [i, row] of rows.entries()) {
    try {
      const writes = liveWrites(row, now);
      if (writes.length > 0) {
        await applyBoardWrites(
          redis,
          row.answer_id,
          await boardMember(row.learner_id),
          writes,
          publicName(progress.displayName, row.learner_id),
        );
      }
      sql.exec("DELETE FROM board_outbox WHERE answer_id = ?", row.answer_id);
    } catch (error) {
      console.warn("leaderboard writes kept for retry;", error instanceof Error ? error.message : error);
      failedAttempts = row.attempts + 1;
      // This row and the unsent rest go back to the queue.
      for (const rest of rows.slice(i)) {
        sql.exec(
          "UPDATE board_outbox SET claimed_until = 0, attempts = attempts + ? WHERE answer_id = ?",
          rest === row ? 1 : 0,
          rest.answer_id,
        );
      }
      break;
    }
  }
  if (failedAttempts !== null) return now + Math.min(MAX_RETRY_MS, RETRY_BASE_MS * 2 ** (failedAttempts - 1));
  // Rows beyond this batch, or claimed by a send still under way: look again when they are free.
  const { at } = sql.exec<{ at: number | null }>("SELECT min(claimed_until) AS at FROM board_outbox").one();
  return at === null ? null : Math.max(at, now + 1000);
}

/** The alarm's share: send whatever is still queued. */
export const retryBoardOutbox: AlarmTask = ({ storage, env, now }) => flushBoardOutbox(storage, env, now);
