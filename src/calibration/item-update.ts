import { CALIBRATION_POLICY, type CalibrationPolicy } from "./calibration-policy.ts";

/** A question's running difficulty estimate. */
export interface CalibrationState {
  /** Logit difficulty. */
  estimate: number;
  variance: number;
  answers: number;
}

/** One answer: the learner's ability when answering and whether it was right. */
export interface Observation {
  ability: number;
  correct: boolean;
}

/** 1PL (Rasch): the chance a learner of `ability` answers an item of `difficulty` right. */
export function successProbability(ability: number, difficulty: number): number {
  return 1 / (1 + Math.exp(difficulty - ability));
}

/** A fresh state from the prior (the difficulty the engine serves before calibration). */
export function initialState(prior: number, policy: CalibrationPolicy = CALIBRATION_POLICY): CalibrationState {
  return { estimate: prior, variance: policy.priorVariance, answers: 0 };
}

/**
 * A batch of answers folded into the estimate: one Newton step of the 1PL log-likelihood with
 * the current estimate as a Gaussian prior (an Elo update whose step shrinks as the information
 * grows), against the abilities the learners had when they answered. The step is capped and
 * the variance floored (see CALIBRATION_POLICY). The consumer evaluates the same step in its
 * write statement (src/answer-stream/write-batch.ts).
 */
export function updateItem(
  state: CalibrationState,
  observations: readonly Observation[],
  policy: CalibrationPolicy = CALIBRATION_POLICY,
): CalibrationState {
  if (observations.length === 0) return state;
  let residual = 0;
  let information = 0;
  for (const o of observations) {
    const p = successProbability(o.ability, state.estimate);
    residual += p - (o.correct ? 1 : 0);
    information += p * (1 - p);
  }
  const precision = 1 / state.variance + information;
  const step = Math.max(-policy.maxStep, Math.min(policy.maxStep, residual / precision));
  return {
    estimate: state.estimate + step,
    variance: Math.max(policy.minVariance, 1 / precision),
    answers: state.answers + observations.length,
  };
}

/**
 * The value to publish to the question record, or null: once enough answers are in, and only
 * when the estimate has moved further than `publishDelta` from what learners are served.
 */
export function calibrationToPublish(
  state: CalibrationState,
  published: number | null,
  policy: CalibrationPolicy = CALIBRATION_POLICY,
): number | null {
  if (state.answers < policy.minAnswers) return null;
  if (published !== null && Math.abs(state.estimate - published) <= policy.publishDelta) return null;
  return state.estimate;
}

/** The difficulty the engine serves: the calibrated logit when there is one, else the prior. */
export function servedDifficulty(calibrated: number | null, prior: number): number {
  return calibrated ?? prior;
}
