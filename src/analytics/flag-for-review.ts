import { logitToLevel } from "../adaptive/item-difficulty.ts";
import { setQuestionStatus } from "../questions/question-updates.ts";
import type { WriteDeps } from "../questions/write-through.ts";
import { assessQuestion } from "./question-health.ts";
import { readQuestionStats } from "./question-stats.ts";

/** Names the rules that raised a flag on the validation record, like a validator's prompt version. */
const HEALTH_RULES_VERSION = "question-health-1";

function suggestedLevel(estimate: number | undefined, level: number): number {
  return estimate === undefined ? level : Math.max(1, Math.min(5, Math.round(logitToLevel(estimate))));
}

/**
 * Puts questions whose answers raise a new flag on the review list: the flag is recorded (once
 * per question and reason, so a question an editor approves again is not pulled for the same
 * reason), its detail goes onto the question's validation record (validator `analytics`,
 * decision `review`; a question imported without validation gets a record whose quality score
 * is 0, as nothing scored it), and an active question moves to `review` through the questions
 * write path, which takes it away from learners until an editor decides.
 */
export async function flagUnhealthyQuestions(deps: WriteDeps): Promise<{ flagged: string[] }> {
  const rows = await readQuestionStats(deps.origin);
  const fresh = rows.flatMap((row) =>
    assessQuestion(row)
      .filter((flag) => !row.recorded.includes(flag.reason))
      .map((flag) => ({
        question_id: row.id,
        reason: flag.reason,
        detail: flag.detail,
        suggested: suggestedLevel(row.calibration?.estimate, row.level),
        stats: {
          answers: row.answers,
          pValue: row.pValue,
          discrimination: row.discrimination,
          strongPicks: row.strongPicks,
        },
      })),
  );
  if (fresh.length === 0) return { flagged: [] };
  const written = await deps.origin.sql<{ question_id: string; status: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
        AS f(question_id text, reason text, detail text, suggested integer, stats jsonb)
    ), new_flags AS (
      INSERT INTO question_health_flags (question_id, reason, detail, stats)
      SELECT question_id, reason, detail, stats FROM input
      ON CONFLICT DO NOTHING
      RETURNING question_id, reason, detail
    ), per_question AS (
      SELECT n.question_id, jsonb_agg(n.detail) AS details, bool_or(n.reason = 'likely_wrong_key') AS wrong_key,
        min(i.suggested) AS suggested
      FROM new_flags n JOIN input i ON i.question_id = n.question_id AND i.reason = n.reason
      GROUP BY n.question_id
    ), recorded AS (
      INSERT INTO question_validations (question_id, validator, model, prompt_version, bloom_level, quality_score,
        answer_key_correct, issues, suggested_difficulty, decision, reasons)
      SELECT p.question_id, 'analytics', NULL, ${HEALTH_RULES_VERSION}, q.bloom_level, 0,
        CASE WHEN p.wrong_key THEN 0 ELSE 1 END, p.details, p.suggested, 'review', p.details
      FROM per_question p JOIN questions q ON q.id = p.question_id
      ON CONFLICT (question_id) DO UPDATE SET
        decision = 'review',
        reasons = question_validations.reasons || excluded.reasons,
        issues = question_validations.issues || excluded.issues,
        answer_key_correct = least(question_validations.answer_key_correct, excluded.answer_key_correct),
        validated_at = now(), reviewed_by = NULL, reviewed_at = NULL
      RETURNING question_id
    )
    SELECT r.question_id, q.status FROM recorded r JOIN questions q ON q.id = r.question_id`;
  const active = written.filter((r) => r.status === "active").map((r) => r.question_id);
  await setQuestionStatus(deps, active, "review");
  return { flagged: written.map((r) => r.question_id) };
}
