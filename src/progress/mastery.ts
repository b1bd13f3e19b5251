export const MASTERY_LEVELS = ["not_started", "novice", "developing", "proficient", "mastered"] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];

/**
 * A category's mastery from the ability estimate θ (logits, the item-difficulty scale) and
 * its standard error. The higher levels need enough answers and judge the cautious bound
 * θ − SE, so a lucky short run is not "mastered":
 * - not_started: no answers;
 * - mastered: ≥ 10 answers and θ − SE ≥ 1.5;
 * - proficient: ≥ 5 answers and θ − SE ≥ 0.5;
 * - developing: θ ≥ −0.5;
 * - novice: otherwise.
 */
export function masteryLevel({ theta, se, answers }: { theta: number; se: number; answers: number }): MasteryLevel {
  if (answers === 0) return "not_started";
  const lower = theta - se;
  if (answers >= 10 && lower >= 1.5) return "mastered";
  if (answers >= 5 && lower >= 0.5) return "proficient";
  if (theta >= -0.5) return "developing";
  return "novice";
}
