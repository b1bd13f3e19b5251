import type { AnswerStreamEvent } from "../../schemas/answer-events.ts";
import { CALIBRATION_POLICY, type CalibrationPolicy } from "../calibration/calibration-policy.ts";
import type { CalibrationState } from "../calibration/item-update.ts";
import type { OriginConnection } from "../origin/client.ts";
import { batchRows } from "./batch-rows.ts";

/** A question's estimate after the batch, and the value learners are served now. */
export interface CalibratedQuestion extends CalibrationState {
  questionId: string;
  published: number | null;
}

export interface BatchWriteResult {
  /** Answers new to the origin (a redelivered one is not counted, nor calibrated again). */
  answersInserted: number;
  sessionsWritten: number;
  calibrated: CalibratedQuestion[];
}

/**
 * Writes a batch of events to the origin in one statement: sessions upserted (a finish
 * completes its row once), answers inserted `ON CONFLICT DO NOTHING`, and the difficulty of
 * every question that got new answers re-estimated from exactly those answers. Keys include the
 * partition column (see schemas/origin-tables.ts), which comes from the event, so redelivery
 * always meets the row. The estimate is `updateItem` (src/calibration/item-update.ts) in SQL:
 * one capped Newton step of the 1PL likelihood from the locked current estimate, or from the
 * difficulty the engine used when the question has none yet. Two batches racing on a question
 * with no estimate yet both start from the prior; the later one's estimate stands (its answers
 * still count).
 */
export async function writeEventBatch(
  origin: OriginConnection,
  events: readonly AnswerStreamEvent[],
  policy: CalibrationPolicy = CALIBRATION_POLICY,
): Promise<BatchWriteResult> {
  const rows = batchRows(events);
  const [result] = await origin.sql<
    { answers_inserted: number; sessions_written: number; calibrated: RawCalibrated[] }[]
  >`
    WITH sessions_in AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows.sessions)}::jsonb) AS s(
        id text, user_id text, category text, mode text, length integer, started_at timestamptz,
        ended_at timestamptz, answered integer, correct integer)
    ), sessions_written AS (
      INSERT INTO quiz_sessions (id, user_id, category, mode, length, started_at, ended_at, answered, correct)
      SELECT id, user_id, category, mode, length, started_at, ended_at, answered, correct FROM sessions_in
      ON CONFLICT (id, started_at) DO UPDATE SET
        ended_at = excluded.ended_at, answered = excluded.answered, correct = excluded.correct
        WHERE quiz_sessions.ended_at IS NULL AND excluded.ended_at IS NOT NULL
      RETURNING 1
    ), answers_in AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows.answers)}::jsonb) AS a(
        id text, session_id text, user_id text, question_id text, category text, correct boolean,
        score double precision, response jsonb, item_difficulty double precision,
        ability_before double precision, ability_after double precision, response_ms integer,
        answered_at timestamptz)
    ), inserted AS (
      INSERT INTO answers (id, session_id, user_id, question_id, category, correct, score, response,
        item_difficulty, ability_before, ability_after, response_ms, answered_at)
      SELECT id, session_id, user_id, question_id, category, correct, score, response,
        item_difficulty, ability_before, ability_after, response_ms, answered_at FROM answers_in
      ON CONFLICT (id, answered_at) DO NOTHING
      RETURNING question_id, correct, ability_before, item_difficulty
    ), locked AS (
      -- FOR UPDATE waits for a concurrent batch on the same question and reads its result.
      SELECT question_id, estimate, variance FROM question_calibration
      WHERE question_id IN (SELECT question_id FROM inserted)
      FOR UPDATE
    ), start AS (
      SELECT i.question_id,
        coalesce(min(l.estimate), avg(i.item_difficulty)) AS b,
        coalesce(min(l.variance), ${policy.priorVariance}::double precision) AS v
      FROM inserted i
      JOIN questions q ON q.id = i.question_id
      LEFT JOIN locked l ON l.question_id = i.question_id
      GROUP BY i.question_id
    ), step AS (
      SELECT question_id, b, v, count(*) AS k, sum(p - correct::int) AS residual, sum(p * (1 - p)) AS information
      FROM (
        SELECT s.question_id, s.b, s.v, i.correct, 1 / (1 + exp(s.b - i.ability_before)) AS p
        FROM start s JOIN inserted i ON i.question_id = s.question_id
      ) o
      GROUP BY question_id, b, v
    ), calibrated AS (
      INSERT INTO question_calibration (question_id, answers, estimate, variance, updated_at)
      SELECT question_id, k,
        b + greatest(${-policy.maxStep}::double precision,
          least(${policy.maxStep}::double precision, residual / (1 / v + information))),
        greatest(${policy.minVariance}::double precision, 1 / (1 / v + information)),
        now()
      FROM step
      ON CONFLICT (question_id) DO UPDATE SET
        answers = question_calibration.answers + excluded.answers,
        estimate = excluded.estimate, variance = excluded.variance, updated_at = excluded.updated_at
      RETURNING question_id, answers, estimate, variance
    )
    SELECT
      (SELECT count(*) FROM inserted)::integer AS answers_inserted,
      (SELECT count(*) FROM sessions_written)::integer AS sessions_written,
      coalesce((
        SELECT json_agg(json_build_object('question_id', c.question_id, 'answers', c.answers,
          'estimate', c.estimate, 'variance', c.variance, 'published', q.calibrated_difficulty))
        FROM calibrated c JOIN questions q ON q.id = c.question_id
      ), '[]'::json) AS calibrated`;
  if (!result) throw new Error("answer batch: the write statement returned no row");
  return {
    answersInserted: result.answers_inserted,
    sessionsWritten: result.sessions_written,
    calibrated: result.calibrated.map((c) => ({
      questionId: c.question_id,
      answers: c.answers,
      estimate: c.estimate,
      variance: c.variance,
      published: c.published,
    })),
  };
}

interface RawCalibrated {
  question_id: string;
  answers: number;
  estimate: number;
  variance: number;
  published: number | null;
}
