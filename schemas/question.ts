import { z } from "@hono/zod-openapi";

/** Question formats the data model can hold; importers report anything else as skipped. */
export const QUESTION_TYPES = ["single_choice", "multiple_choice", "true_false", "short_answer", "numeric"] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/** Bloom's revised taxonomy, lowest to highest cognitive level. */
export const BLOOM_LEVELS = ["remember", "understand", "apply", "analyze", "evaluate", "create"] as const;
export const BloomLevel = z.enum(BLOOM_LEVELS);
export type BloomLevel = z.infer<typeof BloomLevel>;

export const QUESTION_STATUSES = ["active", "review", "rejected", "archived"] as const;
export const QuestionStatus = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** Difficulty is an integer level, 1 (easiest) to 5 (hardest). */
export const Difficulty = z.number().int().min(1).max(5);

export const QuestionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, '_' and '-'")
  .openapi({ example: "q_3f9a1c2b7d4e" });

export const Choice = z.object({
  id: z.string().min(1).max(16),
  text: z.string().min(1).max(2000),
});
export type Choice = z.infer<typeof Choice>;

/** The answer key. Never part of a learner payload. */
export const AnswerKey = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("choices"), correct: z.array(z.string().min(1)).min(1) }),
  z.object({
    kind: z.literal("text"),
    accepted: z.array(z.string().min(1)).min(1),
    caseSensitive: z.boolean().default(false),
  }),
  z.object({ kind: z.literal("numeric"), value: z.number(), tolerance: z.number().min(0).default(0) }),
]);
export type AnswerKey = z.infer<typeof AnswerKey>;

/** A full question as stored at the origin (admin and pipeline view). */
export const Question = z.object({
  id: QuestionId,
  type: QuestionType,
  text: z.string().min(1).max(10_000),
  choices: z.array(Choice).max(26),
  answer: AnswerKey,
  explanation: z.string().max(10_000).nullable(),
  category: z.string().min(1).max(100),
  tags: z.array(z.string().min(1).max(50)).max(30),
  difficulty: Difficulty,
  bloomLevel: BloomLevel,
  language: z.string().min(2).max(16),
  mediaKeys: z.array(z.string().min(1).max(200)).max(20),
  /**
   * Media of the explanation and feedback (a worked solution's figure): shown with the
   * explanation after grading, or to admins; never in a learner's question payload.
   */
  explanationMediaKeys: z.array(z.string().min(1).max(200)).max(20),
  source: z.string().min(1).max(200),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: QuestionStatus,
  /** Logit difficulty calibrated from learners' answers; null until enough answers (the engine then uses the prior). */
  calibratedDifficulty: z.number().nullable(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Question = z.infer<typeof Question>;

/** What a learner sees: everything but the answer key and the explanation (shown after answering). */
export const PublicQuestion = Question.omit({
  answer: true,
  explanation: true,
  explanationMediaKeys: true,
  contentHash: true,
  status: true,
  source: true,
  calibratedDifficulty: true,
})
  .strict()
  .openapi("Question");
export type PublicQuestion = z.infer<typeof PublicQuestion>;

/** Tags minus any that spell an accepted short answer (a "cells" tag on "the unit of life?"). */
function publicTags(q: Question): string[] {
  if (q.answer.kind !== "text") return q.tags;
  const accepted = new Set(q.answer.accepted.map((a) => a.trim().toLowerCase()));
  return q.tags.filter((tag) => !accepted.has(tag.trim().toLowerCase()));
}

/** Drops everything a learner must not see; the only way learner payloads are built. */
export function toPublicQuestion(q: Question): PublicQuestion {
  return {
    id: q.id,
    type: q.type,
    text: q.text,
    choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
    category: q.category,
    tags: publicTags(q),
    difficulty: q.difficulty,
    bloomLevel: q.bloomLevel,
    language: q.language,
    mediaKeys: q.mediaKeys,
    version: q.version,
    createdAt: q.createdAt,
    updatedAt: q.updatedAt,
  };
}
