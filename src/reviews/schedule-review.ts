import { createEmptyCard, type FSRS, fsrs, type Grade, Rating } from "ts-fsrs";
import type { ReviewRating, StoredCard } from "../../schemas/review-card.ts";
import { decodeCard, encodeCard } from "./card-codec.ts";

const GRADES: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

// One scheduler per retention: building one validates and copies the parameters.
const schedulers = new Map<number, FSRS>();

function scheduler(desiredRetention: number): FSRS {
  let f = schedulers.get(desiredRetention);
  if (!f) {
    // Default FSRS-6 weights and learning steps (1 min, 10 min; relearning 10 min), with fuzz,
    // which ts-fsrs seeds from the card, so the same answer always gives the same due time.
    f = fsrs({ request_retention: desiredRetention, enable_fuzz: true });
    schedulers.set(desiredRetention, f);
  }
  return f;
}

/**
 * A card after an answer at `nowMs`: a new card for the first answer to a question.
 * `desiredRetention` is `adaptive.desired_retention` (bounded by the registry).
 */
export function scheduleReview(
  card: StoredCard | null,
  rating: ReviewRating,
  nowMs: number,
  desiredRetention: number,
): StoredCard {
  const now = new Date(nowMs);
  const current = card ? decodeCard(card) : createEmptyCard(now);
  return encodeCard(scheduler(desiredRetention).next(current, now, GRADES[rating]).card);
}

/** The probability the learner still recalls the card at `nowMs` (0–1). */
export function retrievability(card: StoredCard, nowMs: number, desiredRetention: number): number {
  return scheduler(desiredRetention).get_retrievability(decodeCard(card), new Date(nowMs), false);
}

/**
 * Due cards, those most at risk first: lowest retrievability, then most overdue. A card in
 * its learning steps has low stability, so a missed step sorts ahead of a well-known card.
 */
export function orderDue<T extends { card: StoredCard }>(items: T[], nowMs: number, desiredRetention: number) {
  return items
    .filter((item) => item.card.due <= nowMs)
    .map((item) => ({ ...item, retrievability: retrievability(item.card, nowMs, desiredRetention) }))
    .sort((a, b) => a.retrievability - b.retrievability || a.card.due - b.card.due);
}
