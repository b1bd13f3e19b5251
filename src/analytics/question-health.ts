import { HEALTH_POLICY, type HealthPolicy } from "./health-policy.ts";

export const HEALTH_REASONS = ["negative_discrimination", "p_near_0", "p_near_1", "likely_wrong_key"] as const;
export type HealthReason = (typeof HEALTH_REASONS)[number];

export interface HealthFlag {
  reason: HealthReason;
  detail: string;
}

/** What the answers say about one question (question-stats.ts reads it from the origin). */
export interface QuestionAnswerStats {
  answers: number;
  /** Share of right answers. */
  pValue: number;
  /** Point-biserial correlation of right/wrong with the learner's ability; null when undefined (no variance). */
  discrimination: number | null;
  /** Choice id -> how often strong learners picked it. */
  strongPicks: Record<string, number>;
  /** The key's choice ids; null for questions without choices. */
  keyChoices: string[] | null;
}

function fixed(value: number): string {
  return value.toFixed(2);
}

/**
 * The flags a question's answers raise, each with a reason an editor can read. Nothing is
 * flagged before `minAnswers`. A distractor that strong learners pick more often than every
 * key choice most likely is the right answer: the key is wrong.
 */
export function assessQuestion(stats: QuestionAnswerStats, policy: HealthPolicy = HEALTH_POLICY): HealthFlag[] {
  if (stats.answers < policy.minAnswers) return [];
  const flags: HealthFlag[] = [];
  if (stats.discrimination !== null && stats.discrimination < policy.minDiscrimination) {
    flags.push({
      reason: "negative_discrimination",
      detail: `stronger learners answer it worse than weaker ones (point-biserial ${fixed(stats.discrimination)} over ${stats.answers} answers)`,
    });
  }
  if (stats.pValue <= policy.lowP) {
    flags.push({
      reason: "p_near_0",
      detail: `almost nobody answers it right (p = ${fixed(stats.pValue)} over ${stats.answers} answers)`,
    });
  } else if (stats.pValue >= policy.highP) {
    flags.push({
      reason: "p_near_1",
      detail: `almost everybody answers it right (p = ${fixed(stats.pValue)} over ${stats.answers} answers)`,
    });
  }
  const key = stats.keyChoices;
  const strong = Object.values(stats.strongPicks).reduce((sum, n) => sum + n, 0);
  if (key && strong >= policy.minStrongAnswers) {
    const keyPicks = Math.max(0, ...key.map((id) => stats.strongPicks[id] ?? 0));
    const [distractor, picks] = Object.entries(stats.strongPicks)
      .filter(([id]) => !key.includes(id))
      .sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    if (picks > keyPicks) {
      flags.push({
        reason: "likely_wrong_key",
        detail: `strong learners pick '${distractor}' (${picks}×) more often than the key '${key.join(",")}' (${keyPicks}×)`,
      });
    }
  }
  return flags;
}
