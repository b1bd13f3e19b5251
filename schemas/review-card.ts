import { z } from "@hono/zod-openapi";

/**
 * An FSRS card as stored in the learner's object and sent in API responses: every date is
 * epoch milliseconds, never a Date, so it survives JSON and SQLite unchanged. (A Date stored as
 * JSON comes back as a string, and ts-fsrs then fails with "getTime is not a function".)
 * Field meanings are ts-fsrs's `Card`.
 */
export const StoredCard = z.object({
  due: z.number().int().openapi({ description: "When the card is due, epoch ms" }),
  stability: z.number().nonnegative(),
  difficulty: z.number().nonnegative(),
  elapsedDays: z.number().nonnegative(),
  scheduledDays: z.number().nonnegative(),
  learningSteps: z.number().int().nonnegative(),
  reps: z.number().int().nonnegative(),
  lapses: z.number().int().nonnegative(),
  state: z.enum(["new", "learning", "review", "relearning"]),
  lastReview: z.number().int().nullable().openapi({ description: "Last answer, epoch ms" }),
});
export type StoredCard = z.infer<typeof StoredCard>;

export const REVIEW_RATINGS = ["again", "hard", "good", "easy"] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];
