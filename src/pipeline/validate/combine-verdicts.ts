import type { ValidationVerdict } from "../../../schemas/validation.ts";

/**
 * A model's verdict bounded by the offline checks: the model may find more wrong than they
 * do, never less. A key the offline validator proves wrong (a recomputed sum, a key naming no
 * choice) stays wrong, and text it holds for review (not a question, a placeholder) keeps its
 * low score, whatever the model was talked into by the text it read.
 */
export function boundedByOfflineChecks(model: ValidationVerdict, offline: ValidationVerdict): ValidationVerdict {
  return {
    ...model,
    answerKeyCorrect: model.answerKeyCorrect && offline.answerKeyCorrect,
    qualityScore: Math.min(model.qualityScore, offline.qualityScore),
    issues: [...new Set([...offline.issues, ...model.issues])],
  };
}
