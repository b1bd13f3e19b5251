import type { AnswerEffect } from "../sessions/effect-types.ts";
import { answerRating, typicalResponseMs } from "./answer-rating.ts";
import { readCard, writeCard } from "./review-card-store.ts";
import { scheduleReview } from "./schedule-review.ts";

/**
 * Every answer of a signed-in learner (with `features.spaced_repetition` on for them) updates
 * the question's FSRS card in the same transaction as the answer. Without a measured time the
 * answer counts as taking the typical time.
 */
export const recordReviewCard: AnswerEffect = (sql, graded, ctx) => {
  if (graded.learnerId === null || !ctx.settings.spacedRepetition) return;
  const rating = answerRating({
    correct: graded.correct,
    score: graded.score,
    elapsedMs: graded.elapsedMs ?? typicalResponseMs(graded.level),
    level: graded.level,
  });
  const card = scheduleReview(
    readCard(sql, graded.questionId),
    rating,
    graded.answeredAt,
    ctx.settings.desiredRetention,
  );
  writeCard(
    sql,
    { questionId: graded.questionId, category: graded.category, level: graded.level, card, rating },
    ctx.now,
  );
};
