import type { Ability } from "../../schemas/session-api.ts";
import { sigmoid } from "./logistic.ts";

/** Abilities of the population are about N(0, 1): a learner with no evidence starts there. */
export const PRIOR_SE = 1;
/** Each unit of `adaptive.difficulty_adjustment_rate` keeps this much variance as the smallest step. */
const STEP_FLOOR_PER_RATE = 0.25;

/** The smallest step (and variance) the estimate keeps, so it still follows a learner who learns. */
export function stepFloor(rate: number): number {
  return rate * STEP_FLOOR_PER_RATE;
}

/**
 * One answer's evidence on a 1PL (Rasch) item of difficulty `b`: a Bayesian normal update
 * (Glicko-like Elo). The step is the posterior variance, so it shrinks as Fisher information
 * P(1-P) piles up, down to the floor the learning rate sets. `score` may be partial credit.
 */
export function updateAbility(ability: Ability, b: number, score: number, rate: number): Ability {
  const p = sigmoid(ability.theta - b);
  const variance = Math.max(1 / (1 / ability.se ** 2 + p * (1 - p)), stepFloor(rate));
  return { theta: ability.theta + variance * (score - p), se: Math.sqrt(variance) };
}

/** The variance update alone, at a given ability (the seed rule reports its uncertainty so). */
export function updateSe(se: number, theta: number, b: number, rate: number): number {
  const p = sigmoid(theta - b);
  return Math.sqrt(Math.max(1 / (1 / se ** 2 + p * (1 - p)), stepFloor(rate)));
}
