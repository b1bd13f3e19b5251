import { z } from "@hono/zod-openapi";
import { Question, QuestionId } from "./question.ts";
import { ValidationRecord } from "./validation.ts";

/** A question as editors see it: the answer key, explanation and how it was validated. */
export const AdminQuestion = Question.extend({ validation: ValidationRecord.nullable() }).openapi("AdminQuestion");
export type AdminQuestion = z.infer<typeof AdminQuestion>;

export const ReviewList = z
  .object({
    items: z.array(AdminQuestion),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  })
  .openapi("ReviewList");
export type ReviewList = z.infer<typeof ReviewList>;

export const ReviewQuery = z.object({
  decision: z
    .enum(["rejected", "review"])
    .optional()
    .openapi({ description: "Only questions the validator rejected (wrong key) or held (low score, near duplicate)." }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/** One page of re-lettering stored choice questions (POST /api/admin/questions/reletter). */
export const ReletterRequest = z
  .object({
    after: QuestionId.optional().describe("The `next` of the previous page; from the first id when absent"),
    limit: z.number().int().min(1).max(500).default(200),
    category: z.string().min(1).max(100).optional().describe("Only this category"),
  })
  .strict()
  .openapi("ReletterRequest");

export const ReletterResult = z
  .object({
    examined: z.number().int(),
    updated: z.array(QuestionId),
    next: QuestionId.nullable(),
  })
  .openapi("ReletterResult");
export type ReletterResult = z.infer<typeof ReletterResult>;
