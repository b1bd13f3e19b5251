import type { Settings } from "../../schemas/config-registry.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import { evaluateFlag } from "../config/flags.ts";

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

/** What a session runs with: the engine's settings and spaced repetition's. */
export interface SessionSettings extends AdaptiveSettings {
  /** `features.spaced_repetition` for this learner (anonymous: off). */
  spacedRepetition: boolean;
  /** `adaptive.desired_retention`: the recall probability FSRS schedules for. */
  desiredRetention: number;
  /** `adaptive.review_share`: the share of an adaptive session given to due reviews. */
  reviewShare: number;
}

export function adaptiveSettings(settings: Settings, learnerId: string | null = null): SessionSettings {
  const spacedRepetition =
    learnerId !== null &&
    evaluateFlag("features.spaced_repetition", settings["features.spaced_repetition"] as FeatureFlag, learnerId)
      .enabled;
  return {
    spacedRepetition,
    desiredRetention: settings["adaptive.desired_retention"],
    reviewShare: settings["adaptive.review_share"],
    flowThreshold: settings["adaptive.flow_threshold"],
    difficultyStep: settings["adaptive.difficulty_step"],
    adjustmentRate: settings["adaptive.difficulty_adjustment_rate"],
    minQuestions: settings["adaptive.min_questions_per_session"],
  };
}
