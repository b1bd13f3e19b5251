/** The logit scale of the 1–5 prior: level 3 is 0, each level one logit further. */
export const LOGITS_PER_LEVEL = 1;
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;

/**
 * What the engine reads from a question record. `calibration` is the fitted difficulty the
 * answer-stream issue adds to questions; until a question has one, its 1–5 level gives a prior.
 */
export interface DifficultySource {
  difficulty: number;
  calibration?: { logit: number } | null;
}

export function levelToLogit(level: number): number {
  return (level - 3) * LOGITS_PER_LEVEL;
}

export function logitToLevel(b: number): number {
  return 3 + b / LOGITS_PER_LEVEL;
}

/** Item difficulty in logits: the calibrated value once one exists, else the prior of its level. */
export function itemDifficulty(item: DifficultySource): number {
  return item.calibration?.logit ?? levelToLogit(item.difficulty);
}
