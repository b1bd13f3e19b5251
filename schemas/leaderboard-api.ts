import { z } from "@hono/zod-openapi";

export const LeaderboardPeriod = z
  .enum(["daily", "weekly", "all-time"])
  .openapi({ description: "daily: the UTC day; weekly: the ISO week (Monday to Sunday, UTC); all-time." });

export const LeaderboardQuery = z.object({
  category: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "Only points earned in this question category" }),
  limit: z.coerce.number().int().min(1).max(100).default(10).openapi({ description: "How many places (1–100)" }),
});

export const LeaderboardEntry = z.object({
  rank: z.number().int().min(1),
  points: z.number().int().nonnegative(),
  displayName: z
    .string()
    .openapi({ description: "The name in the learner's profile, else a stable pseudonym; never an id or email" }),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>;

export const LeaderboardBoard = z.object({
  period: LeaderboardPeriod,
  periodId: z.string().openapi({ description: "2026-12-01, 2026-W49 or all" }),
  category: z.string().nullable(),
  entries: z.array(LeaderboardEntry),
});
export type LeaderboardBoard = z.infer<typeof LeaderboardBoard>;

export const LeaderboardResponse = LeaderboardBoard.extend({
  me: z
    .object({
      rank: z.number().int().min(1).nullable().openapi({ description: "null: no points on this board yet" }),
      points: z.number().int().nonnegative(),
      displayName: z.string(),
    })
    .nullable()
    .optional()
    .openapi({
      description: "Signed-in callers: their own place, read live (not cached); null when Redis could not be read",
    }),
}).openapi("Leaderboard");
