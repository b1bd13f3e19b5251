import type { Decision, ValidationVerdict } from "../../../schemas/validation.ts";

export interface DecisionResult {
  decision: Decision;
  reasons: string[];
}

/**
 * What becomes of a validated question: accepted questions go to learners; a wrong answer
 * key rejects it; a low score or a near duplicate holds it for review. Rejected and held
 * questions both wait in the review list for an editor.
 */
export function decide(
  verdict: ValidationVerdict,
  options: { minQualityScore: number; nearDuplicateOf: string | null },
): DecisionResult {
  const reasons: string[] = [];
  if (!verdict.answerKeyCorrect) reasons.push("the answer key is wrong or malformed");
  if (verdict.qualityScore < options.minQualityScore) {
    reasons.push(`quality score ${verdict.qualityScore} is below ${options.minQualityScore}`);
  }
  if (options.nearDuplicateOf) reasons.push(`nearly duplicates ${options.nearDuplicateOf}`);
  if (!verdict.answerKeyCorrect) return { decision: "rejected", reasons: [...reasons, ...verdict.issues] };
  if (reasons.length > 0) return { decision: "review", reasons: [...reasons, ...verdict.issues] };
  return { decision: "accepted", reasons: [] };
}
