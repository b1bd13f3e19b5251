import type { AnswerKey, QuestionStatus, QuestionType } from "../../schemas/question.ts";
import type { OriginConnection } from "../origin/client.ts";
import { HEALTH_POLICY } from "./health-policy.ts";
import type { QuestionAnswerStats } from "./question-health.ts";

/** One answered question: its record, its calibration and what its answers say. */
export interface QuestionStatsRow extends QuestionAnswerStats {
  id: string;
  category: string;
  type: QuestionType;
  status: QuestionStatus;
  level: number;
  meanTimeMs: number | null;
  calibration: { estimate: number; se: number; answers: number; published: number | null } | null;
  /** Reasons already recorded for it (question_health_flags). */
  recorded: string[];
}

interface RawRow {
  id: string;
  category: string;
  type: QuestionType;
  status: QuestionStatus;
  difficulty: number;
  answer: AnswerKey;
  answers: number;
  p_value: number;
  mean_ms: number | null;
  discrimination: number | null;
  estimate: number | null;
  variance: number | null;
  calibrated_answers: number | null;
  published: number | null;
  strong_picks: Record<string, number> | null;
  recorded: string[] | null;
}

/**
 * Every answered question's figures from the origin in one aggregate query: answers, p-value,
 * mean time, point-biserial discrimination (Pearson's r of right/wrong with ability at answer
 * time, which is what the point-biserial is), and the choices picked by strong learners.
 */
export async function readQuestionStats(origin: OriginConnection): Promise<QuestionStatsRow[]> {
  const rows = await origin.sql<RawRow[]>`
    WITH per_question AS (
      SELECT question_id, count(*)::integer AS answers, avg(correct::int)::float8 AS p_value,
        avg(response_ms)::float8 AS mean_ms, corr(correct::int, ability_before) AS discrimination,
        percentile_cont(${HEALTH_POLICY.strongQuantile}::float8) WITHIN GROUP (ORDER BY ability_before) AS strong_cut
      FROM answers GROUP BY question_id
    ), picks AS (
      SELECT a.question_id, choice, count(*)::integer AS n
      FROM answers a
      JOIN per_question s ON s.question_id = a.question_id
      CROSS JOIN LATERAL jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(a.response -> 'choices') = 'array' THEN a.response -> 'choices' ELSE '[]'::jsonb END
      ) AS choice
      WHERE a.ability_before >= s.strong_cut
      GROUP BY a.question_id, choice
    ), strong AS (
      SELECT question_id, jsonb_object_agg(choice, n) AS strong_picks FROM picks GROUP BY question_id
    ), recorded AS (
      SELECT question_id, jsonb_agg(reason) AS recorded FROM question_health_flags GROUP BY question_id
    )
    SELECT q.id, q.category, q.type, q.status, q.difficulty, q.answer, s.answers, s.p_value, s.mean_ms,
      s.discrimination, c.estimate, c.variance, c.answers AS calibrated_answers, q.calibrated_difficulty AS published,
      st.strong_picks, r.recorded
    FROM per_question s
    JOIN questions q ON q.id = s.question_id
    LEFT JOIN question_calibration c ON c.question_id = s.question_id
    LEFT JOIN strong st ON st.question_id = s.question_id
    LEFT JOIN recorded r ON r.question_id = s.question_id
    ORDER BY q.id`;
  // Pages are cut by id in JavaScript's order, whatever the database's collation.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    type: r.type,
    status: r.status,
    level: r.difficulty,
    answers: r.answers,
    pValue: r.p_value,
    meanTimeMs: r.mean_ms,
    discrimination: r.discrimination,
    strongPicks: r.strong_picks ?? {},
    keyChoices: r.answer.kind === "choices" ? r.answer.correct : null,
    calibration:
      r.estimate === null || r.variance === null
        ? null
        : {
            estimate: r.estimate,
            se: Math.sqrt(r.variance),
            answers: r.calibrated_answers ?? 0,
            published: r.published,
          },
    recorded: r.recorded ?? [],
  }));
}
