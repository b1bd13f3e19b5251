import type { ReviewRating } from "../../schemas/review-card.ts";

/**
 * How long a question of a difficulty level (1–5) typically takes to answer: 10 s at level 1,
 * 5 s more per level (30 s at level 5). Questions carry no measured time, so this stands in.
 */
export function typicalResponseMs(level: number): number {
  const clamped = Math.min(5, Math.max(1, Math.round(level)));
  return 10_000 + (clamped - 1) * 5_000;
}

export interface AnswerOutcome {
  correct: boolean;
  /** 0–1; below 1 is partial credit. */
  score: number;
  elapsedMs: number;
  /** The question's 1–5 difficulty level. */
  level: number;
}

/**
 * The FSRS rating of an answer:
 * - wrong: Again;
 * - right with partial credit, or slower than 1.5 × the typical time: Hard;
 * - right within half the typical time: Easy;
 * - otherwise right: Good.
 */
export function answerRating({ correct, score, elapsedMs, level }: AnswerOutcome): ReviewRating {
  if (!correct) return "again";
  const typical = typicalResponseMs(level);
  if (score < 1 || elapsedMs > 1.5 * typical) return "hard";
  if (elapsedMs < 0.5 * typical) return "easy";
  return "good";
}
