/** Points per difficulty level of a correctly answered question. */
export const POINTS_PER_LEVEL = 10;

/**
 * Leaderboard points for one answer: 10 × the question's difficulty level (1–5) when right,
 * nothing when wrong. Partial credit earns its share, rounded.
 */
export function answerPoints({ correct, score, level }: { correct: boolean; score: number; level: number }): number {
  if (!correct) return 0;
  const clamped = Math.min(5, Math.max(1, Math.round(level)));
  return Math.round(POINTS_PER_LEVEL * clamped * Math.min(1, Math.max(0, score)));
}
