import type { Settings } from "../../schemas/config-registry.ts";

/** The `adaptive.*` remote settings, as the engine reads them. */
export interface AdaptiveSettings {
  /** `adaptive.flow_threshold`: the P(correct) questions are chosen for. */
  flowThreshold: number;
  /** `adaptive.difficulty_step`: the seed rule's move on the 1–5 level. */
  difficultyStep: number;
  /** `adaptive.difficulty_adjustment_rate`: the learning rate (see the registry). */
  adjustmentRate: number;
  /** `adaptive.min_questions_per_session`: answers before the level moves from the start. */
  minQuestions: number;
}

export function adaptiveSettings(settings: Settings): AdaptiveSettings {
  return {
    flowThreshold: settings["adaptive.flow_threshold"],
    difficultyStep: settings["adaptive.difficulty_step"],
    adjustmentRate: settings["adaptive.difficulty_adjustment_rate"],
    minQuestions: settings["adaptive.min_questions_per_session"],
  };
}
