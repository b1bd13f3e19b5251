import { answerPoints } from "../progress/points.ts";
import { readProgress } from "../progress/progress-store.ts";
import { redisClient } from "../redis/upstash-client.ts";
import type { AlarmTask } from "../sessions/alarm-task.ts";
import type { AnswerEffect } from "../sessions/effect-types.ts";
import { hasTable } from "../sessions/storage/schema-migrations.ts";
import { type BoardWrite, planBoardWrites } from "./board-increments.ts";
import { applyBoardWrites } from "./board-store.ts";
import { readTiebreaks, writeTiebreaks } from "./board-tiebreaks.ts";
import { boardMember, publicName } from "./display-name.ts";

/** A retry is due this long after a failed send, doubling per attempt up to MAX_RETRY_MS. */
export const RETRY_BASE_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;
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
  const known = readTiebreaks(sql, ctx.now);
  const plan = planBoardWrites(answer, new Map([...known].map(([key, t]) => [key, t.tiebreak])));
  for (const write of plan.writes) {
    known.set(write.key, {
      tiebreak: plan.tiebreaks.get(write.key) as number,
      expiresAt: write.ttlS === null ? null : graded.answeredAt + write.ttlS * 1000,
    });
  }
  writeTiebreaks(sql, known);
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
 * Rows being sent, per object. The object is the outbox's only reader and writer, so a claim in
 * its memory keeps concurrent flushes apart without a row written per claim; memory goes with
 * the object, and so does any send that held a claim.
 */
const sending = new WeakMap<DurableObjectStorage, Set<string>>();

/**
 * Sends queued writes, oldest first, one atomic script per answer (applied once per answer id,
 * however often it is sent); a row is deleted only once Redis answered. Rows are claimed
 * before the send, so concurrent flushes do not send one at the same time.
 * Answers when to try again (epoch ms), or null when nothing is left.
 */
export async function flushBoardOutbox(storage: DurableObjectStorage, env: Env, now: number): Promise<number | null> {
  const sql = storage.sql;
  const redis = redisClient(env, { timeoutMs: REDIS_TIMEOUT_MS });
  // An anonymous session's object has no boards.
  if (!redis || !hasTable(sql, "board_outbox")) return null;
  const claimed = sending.get(storage) ?? new Set<string>();
  sending.set(storage, claimed);
  // The first rows not claimed by a send under way: enough are read to skip the claimed ones.
  const rows = sql
    .exec<OutboxRow>(
      "SELECT answer_id, learner_id, writes, created_at, attempts FROM board_outbox ORDER BY created_at LIMIT ?",
      BATCH + claimed.size,
    )
    .toArray()
    .filter((row) => !claimed.has(row.answer_id))
    .slice(0, BATCH);
  for (const row of rows) claimed.add(row.answer_id);
  const progress = readProgress(sql);
  let failedAttempts: number | null = null;
  try {
    for (const row of rows) {
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
        sql.exec("UPDATE board_outbox SET attempts = attempts + 1 WHERE answer_id = ?", row.answer_id);
        break;
      }
    }
  } finally {
    // Released in the same turn as the failure's attempt count: whoever sees one sees the other.
    for (const row of rows) claimed.delete(row.answer_id);
  }
  if (failedAttempts !== null) return now + Math.min(MAX_RETRY_MS, RETRY_BASE_MS * 2 ** (failedAttempts - 1));
  // Rows beyond this batch, or held by a send still under way: look again shortly.
  const { left } = sql.exec<{ left: number }>("SELECT count(*) AS left FROM board_outbox").one();
  return left === 0 ? null : now + 1000;
}

/** Rows of the object being sent right now (for tests and diagnostics). */
export function boardSendsInFlight(storage: DurableObjectStorage): number {
  return sending.get(storage)?.size ?? 0;
}

/** The alarm's share: send whatever is still queued. */
export const retryBoardOutbox: AlarmTask = ({ storage, env, now }) => flushBoardOutbox(storage, env, now);
