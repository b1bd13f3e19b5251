/**
 * How item calibration behaves; one place, so the consumer's SQL (src/answer-stream/) and the
 * pure update (item-update.ts) read the same numbers.
 */
export const CALIBRATION_POLICY = {
  /** Variance of the prior from the imported 1–5 level (src/adaptive/item-difficulty.ts: one logit per level). */
  priorVariance: 1,
  /** The estimate's variance never falls below this, so an item can still follow a drifting bank. */
  minVariance: 0.01,
  /** Largest move of one batch: one Newton step far from the optimum can overshoot. */
  maxStep: 1,
  /** Answers before a calibrated value is served; until then learners get the prior. */
  minAnswers: 30,
  /** The published value is rewritten only when the estimate moved further than this (logits). */
  publishDelta: 0.2,
} as const;

export type CalibrationPolicy = typeof CALIBRATION_POLICY;
