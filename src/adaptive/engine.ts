import type { Ability, EngineName } from "../../schemas/session-api.ts";
import { PRIOR_SE, updateAbility, updateSe } from "./ability.ts";
import { levelToLogit, logitToLevel, MAX_LEVEL, MIN_LEVEL } from "./item-difficulty.ts";
import { clamp, logit } from "./logistic.ts";
import type { AdaptiveSettings } from "./settings.ts";

/** What a session carries between answers, whichever engine runs it. */
export interface EngineState {
  engine: EngineName;
  /** The current estimate. */
  ability: Ability;
  /** Where the session started; selection stays there for the first answers. */
  startTheta: number;
  /** The seed rule's 1–5 level. */
  level: number;
  /** The seed rule's running accuracy (exponentially weighted). */
  accuracy: number;
  /** Answers graded in this session. */
  answered: number;
}

/** The ability at which items of `level` are answered at the flow rate. */
export function levelAbility(level: number, s: AdaptiveSettings): number {
  return levelToLogit(level) + flowOffset(s);
}

function flowOffset(s: AdaptiveSettings): number {
  // A threshold of exactly 0 or 1 would put the target at infinity.
  return logit(clamp(s.flowThreshold, 0.01, 0.99));
}

/**
 * A session's first state. A requested level sets the start (an ability that answers that
 * level at the flow rate); otherwise the learner's stored ability in the category, else the
 * population prior.
 */
export function initialState(
  engine: EngineName,
  start: { level?: number; ability?: Ability | null },
  s: AdaptiveSettings,
): EngineState {
  let ability: Ability;
  if (start.level !== undefined) ability = { theta: levelAbility(start.level, s), se: PRIOR_SE };
  else ability = start.ability ?? { theta: 0, se: PRIOR_SE };
  const level = clamp(start.level ?? logitToLevel(ability.theta - flowOffset(s)), MIN_LEVEL, MAX_LEVEL);
  if (engine === "step") ability = { theta: levelAbility(level, s), se: ability.se };
  return { engine, ability, startTheta: ability.theta, level, accuracy: s.flowThreshold, answered: 0 };
}

/** The ability questions are chosen for: the start until `minQuestions` answers are in. */
export function selectionAbility(state: EngineState, s: AdaptiveSettings): number {
  if (state.engine === "step") return levelToLogit(state.level) + flowOffset(s);
  return state.answered < s.minQuestions ? state.startTheta : state.ability.theta;
}

/** The level shown to the learner: the level of the questions being chosen, 1–5, one decimal. */
export function shownDifficulty(state: EngineState, s: AdaptiveSettings): number {
  const level = clamp(logitToLevel(selectionAbility(state, s) - flowOffset(s)), MIN_LEVEL, MAX_LEVEL);
  return Math.round(level * 10) / 10;
}

/**
 * The state after one graded answer on an item of difficulty `b` (logits).
 * - irt: the Bayesian 1PL update of the ability.
 * - step (the seed's rule): once `minQuestions` answers are in, the level moves up by
 *   `difficultyStep` when the running accuracy is at or above the flow threshold, else down;
 *   the running accuracy weighs the latest answer by `adjustmentRate`.
 */
export function afterAnswer(state: EngineState, b: number, score: number, s: AdaptiveSettings): EngineState {
  const answered = state.answered + 1;
  if (state.engine === "irt") {
    return { ...state, answered, ability: updateAbility(state.ability, b, score, s.adjustmentRate) };
  }
  const accuracy = s.adjustmentRate * score + (1 - s.adjustmentRate) * state.accuracy;
  let level = state.level;
  if (answered >= s.minQuestions) {
    level = clamp(level + (accuracy >= s.flowThreshold ? s.difficultyStep : -s.difficultyStep), MIN_LEVEL, MAX_LEVEL);
  }
  const se = updateSe(state.ability.se, state.ability.theta, b, s.adjustmentRate);
  return { ...state, answered, accuracy, level, ability: { theta: levelAbility(level, s), se } };
}
