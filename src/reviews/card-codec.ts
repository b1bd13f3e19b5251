import { type Card, State } from "ts-fsrs";
import { StoredCard } from "../../schemas/review-card.ts";

const STATES = ["new", "learning", "review", "relearning"] as const satisfies readonly StoredCard["state"][];
const STATE_OF: Record<StoredCard["state"], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** A ts-fsrs card as plain numbers, for storage and JSON. */
export function encodeCard(card: Card): StoredCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATES[card.state],
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/**
 * The ts-fsrs card of a stored one, with real Date objects built from the numbers. The input
 * is parsed first, so a card read back from JSON (or written by an older version) is checked
 * rather than trusted.
 */
export function decodeCard(stored: unknown): Card {
  const card = StoredCard.parse(stored);
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    ...(card.lastReview === null ? {} : { last_review: new Date(card.lastReview) }),
  };
}
