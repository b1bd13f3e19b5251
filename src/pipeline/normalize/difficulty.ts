/** A difficulty level, 1 (easiest) to 5 (hardest), as the data model stores it. */
export type DifficultyLevel = 1 | 2 | 3 | 4 | 5;

// Three-level sources spread over the ends and the middle of our five-level scale, so that
// a later calibration from learner answers can move them either way.
const LABELS: Record<string, DifficultyLevel> = {
  "very easy": 1,
  easy: 1,
  beginner: 1,
  medium: 3,
  normal: 3,
  intermediate: 3,
  hard: 5,
  difficult: 5,
  advanced: 5,
  "very hard": 5,
};

/** True for an integer 1..5. */
export function isDifficultyLevel(value: unknown): value is DifficultyLevel {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Maps a source's difficulty (OpenTDB's easy/medium/hard to 1/3/5, a few synonyms, or a
 * number 1..5 as text or number) to our level; null when it means nothing to us.
 */
export function difficultyFromLabel(label: unknown): DifficultyLevel | null {
  if (isDifficultyLevel(label)) return label;
  if (typeof label !== "string") return null;
  const key = label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  const named = LABELS[key];
  if (named) return named;
  const numeric = Number(key);
  return key !== "" && isDifficultyLevel(numeric) ? numeric : null;
}
