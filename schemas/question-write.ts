import { z } from "@hono/zod-openapi";
import { Question, QuestionId, QuestionStatus } from "./question.ts";

/**
 * A question as a writer (pipeline, admin) submits it: content and classification; the id,
 * content hash, version and timestamps are the write path's business. Give `id` to update a
 * known question in place (its content may change); leave it out to insert, or to update the
 * question with the same content.
 */
export const QuestionWrite = Question.pick({
  type: true,
  text: true,
  choices: true,
  answer: true,
  explanation: true,
  category: true,
  tags: true,
  difficulty: true,
  bloomLevel: true,
  source: true,
}).extend({
  id: QuestionId.optional(),
  language: z.string().min(2).max(16).default("en"),
  mediaKeys: z.array(z.string().min(1).max(200)).max(20).default([]),
  explanationMediaKeys: z.array(z.string().min(1).max(200)).max(20).default([]),
  status: QuestionStatus.default("active"),
});
/** What callers pass (defaults applied by the write path). */
export type QuestionWriteInput = z.input<typeof QuestionWrite>;
export type QuestionWrite = z.output<typeof QuestionWrite>;
