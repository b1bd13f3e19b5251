import { z } from "@hono/zod-openapi";
import { Ability } from "./session-api.ts";

export const DueReview = z.object({
  questionId: z.string(),
  category: z.string(),
  level: z.number().int().min(1).max(5),
  due: z.string().openapi({ description: "When it became due (ISO 8601)" }),
  retrievability: z.number().min(0).max(1).openapi({ description: "FSRS estimate of the chance of recall now" }),
  state: z.enum(["new", "learning", "review", "relearning"]),
  reps: z.number().int(),
  lapses: z.number().int(),
});

export const ReviewsResponse = z
  .object({
    dueNow: z.number().int().nonnegative(),
    nextDueAt: z
      .string()
      .nullable()
      .openapi({ description: "The next card to fall due after now (ISO 8601); null when none is scheduled" }),
    cards: z
      .array(DueReview)
      .openapi({ description: "Due cards, lowest retrievability (then most overdue) first; at most 100" }),
  })
  .openapi("Reviews");
export type ReviewsResponse = z.infer<typeof ReviewsResponse>;

export const MasteryLevel = z.enum(["not_started", "novice", "developing", "proficient", "mastered"]);

export const StatsResponse = z
  .object({
    sessions: z.number().int().nonnegative(),
    answers: z.number().int().nonnegative(),
    correct: z.number().int().nonnegative(),
    accuracy: z.number().min(0).max(1),
    points: z.number().int().nonnegative(),
    streak: z.object({
      current: z
        .number()
        .int()
        .nonnegative()
        .openapi({ description: "Consecutive days with an answer, up to today or yesterday" }),
      best: z.number().int().nonnegative(),
      timeZone: z.string().openapi({ description: "The IANA zone days are counted in" }),
    }),
    reviewsDue: z.number().int().nonnegative(),
    categories: z.array(
      z.object({
        category: z.string(),
        ability: Ability,
        mastery: MasteryLevel,
        answers: z.number().int().nonnegative(),
        accuracy: z.number().min(0).max(1),
        history: z
          .array(
            z.object({
              day: z.string().openapi({ description: "YYYY-MM-DD, in the learner's time zone" }),
              theta: z.number(),
              se: z.number(),
              answers: z.number().int().positive(),
            }),
          )
          .openapi({ description: "The ability at the end of each of the last 30 days with answers, oldest first" }),
      }),
    ),
  })
  .openapi("LearnerStats");
export type StatsResponse = z.infer<typeof StatsResponse>;
