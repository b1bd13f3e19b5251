import { z } from "@hono/zod-openapi";
import { QuestionId, QuestionStatus, QuestionType } from "./question.ts";

export const HealthFlag = z
  .object({
    reason: z.enum(["negative_discrimination", "p_near_0", "p_near_1", "likely_wrong_key"]),
    detail: z.string(),
  })
  .openapi("HealthFlag");

export const QuestionHealth = z
  .object({
    id: QuestionId,
    category: z.string(),
    type: QuestionType,
    status: QuestionStatus,
    /** The imported 1–5 level. */
    level: z.number().int(),
    answers: z.number().int(),
    pValue: z.number().openapi({ description: "Share of right answers" }),
    meanTimeMs: z.number().nullable(),
    discrimination: z.number().nullable().openapi({
      description:
        "Point-biserial correlation of right/wrong with the learner's ability at answer time; null without variance",
    }),
    difficulty: z
      .object({
        estimate: z.number().openapi({ description: "Calibrated difficulty, logits" }),
        se: z.number().openapi({ description: "Its standard error" }),
        answers: z.number().int(),
        published: z.number().nullable().openapi({ description: "What learners are served; null: the prior" }),
      })
      .nullable(),
    strongPicks: z.record(z.string(), z.number().int()).openapi({
      description: "Choice id -> how often the upper third of answerers by ability picked it",
    }),
    flags: z.array(HealthFlag),
    /** Whether the flags have put it on the review list (GET /api/admin/questions/review). */
    onReviewList: z.boolean(),
  })
  .openapi("QuestionHealth");
export type QuestionHealth = z.infer<typeof QuestionHealth>;

export const QuestionHealthQuery = z.object({
  flagged: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "Only questions with a flag" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: QuestionId.optional().openapi({ description: "The last id of the previous page" }),
});

export const QuestionHealthList = z
  .object({
    summary: z.object({ questions: z.number().int(), answers: z.number().int(), flagged: z.number().int() }),
    items: z.array(QuestionHealth),
    nextCursor: z.string().nullable(),
  })
  .openapi("QuestionHealthList");
export type QuestionHealthList = z.infer<typeof QuestionHealthList>;
