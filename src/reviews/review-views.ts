import type { ReviewsResponse } from "../../schemas/progress-api.ts";
import { dueCards, nextDueAt } from "./review-card-store.ts";
import { orderDue } from "./schedule-review.ts";

const MAX_LISTED = 100;

/** What `GET /api/me/reviews` shows: the count due, the next due time and the due cards, most at risk first. */
export function reviewsView(sql: SqlStorage, now: number, desiredRetention: number): ReviewsResponse {
  const ordered = orderDue(dueCards(sql, now), now, desiredRetention);
  const next = nextDueAt(sql, now);
  return {
    dueNow: ordered.length,
    nextDueAt: next === null ? null : new Date(next).toISOString(),
    cards: ordered.slice(0, MAX_LISTED).map(({ questionId, category, level, card, retrievability }) => ({
      questionId,
      category,
      level,
      due: new Date(card.due).toISOString(),
      retrievability: Math.round(retrievability * 1000) / 1000,
      state: card.state,
      reps: card.reps,
      lapses: card.lapses,
    })),
  };
}
