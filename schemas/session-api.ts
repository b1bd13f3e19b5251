import { z } from "@hono/zod-openapi";
import { PublicQuestion, QuestionId } from "./question.ts";
import { TimeZone } from "./time-zone.ts";

/**
 * Modes a session can run in: `adaptive` (the engine's picks, with due reviews mixed in at
 * `adaptive.review_share`) or `review` (the topic's due spaced-repetition cards).
 */
export const SESSION_MODES = ["adaptive", "review"] as const;
export const SessionMode = z.enum(SESSION_MODES);
export type SessionMode = z.infer<typeof SessionMode>;

/** Which engine adapts a session: the IRT engine (`features.beta_engine`) or the seed's step rule. */
export const EngineName = z.enum(["irt", "step"]);
export type EngineName = z.infer<typeof EngineName>;

export const MAX_SESSION_LENGTH = 50;
export const DEFAULT_SESSION_LENGTH = 10;
/** Short answers longer than this (UTF-8 bytes) are refused. */
export const MAX_TEXT_ANSWER_BYTES = 1024;

export function textAnswerTooLong(text: string): boolean {
  return new TextEncoder().encode(text).byteLength > MAX_TEXT_ANSWER_BYTES;
}

/** 124 random bits and a location hint, hex: the only key to an anonymous session. */
export const SessionId = z
  .string()
  .regex(/^s_[0-9a-f]{32}$/, "a session id as returned by POST /api/sessions/start")
  .openapi({ example: "s_0f1e2d3c4b5a69788796a5b4c3d2e1f0" });

const startFields = {
  topic: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .openapi({ description: "A category, any case; a prefix of a category or a tag also matches.", example: "math" }),
  language: z.string().trim().min(2).max(16).optional().openapi({ example: "en" }),
  mode: SessionMode.default("adaptive"),
  timeZone: TimeZone.optional().openapi({
    description: "The learner's IANA time zone, kept for their streak (days are counted in it); UTC until given.",
  }),
};

/** POST /api/sessions/start as JSON. */
export const StartSessionBody = z
  .object({
    ...startFields,
    difficulty: z.number().min(1).max(5).optional().openapi({ description: "Starting level, 1 to 5." }),
    length: z.number().int().min(1).max(MAX_SESSION_LENGTH).default(DEFAULT_SESSION_LENGTH),
  })
  .openapi("StartSession");
export type StartSessionBody = z.infer<typeof StartSessionBody>;

/** The same as a form (the seed's k6 script posts `topic=math&difficulty=3`): numbers arrive as text. */
export const StartSessionForm = z.object({
  ...startFields,
  difficulty: z.coerce.number().min(1).max(5).optional(),
  length: z.coerce.number().int().min(1).max(MAX_SESSION_LENGTH).default(DEFAULT_SESSION_LENGTH),
});

/** A learner's answer, by question type. */
export const AnswerInput = z
  .union([
    z.object({ choices: z.array(z.string().min(1).max(16)).min(1).max(26) }).strict(),
    z.object({ value: z.number().finite() }).strict(),
    z
      .object({
        text: z.string().refine((text) => !textAnswerTooLong(text), `at most ${MAX_TEXT_ANSWER_BYTES} bytes (UTF-8)`),
      })
      .strict(),
  ])
  .openapi("AnswerInput", {
    description:
      '`{ "choices": [ids] }` for single choice, multiple choice and true/false; `{ "value": n }` for numeric; `{ "text": "…" }` for short answer.',
  });
export type AnswerInput = z.infer<typeof AnswerInput>;

export const SubmitAnswerBody = z
  .object({
    questionId: QuestionId,
    answer: AnswerInput,
    elapsedMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3_600_000)
      .optional(),
  })
  .openapi("SubmitAnswer");
export type SubmitAnswerBody = z.infer<typeof SubmitAnswerBody>;

export const Ability = z.object({ theta: z.number(), se: z.number() }).openapi("Ability", {
  description: "Ability in logits (0 is a level-3 learner of the population) and its standard error.",
});
export type Ability = z.infer<typeof Ability>;

/** The level shown to learners: 1 to 5, one decimal. */
export const ShownDifficulty = z.number().min(1).max(5).openapi({ example: 3.2 });

/** A session's state; never the answer key. */
export const SessionState = z
  .object({
    id: SessionId,
    category: z.string(),
    language: z.string().nullable(),
    mode: SessionMode,
    length: z.number().int(),
    position: z.number().int().openapi({ description: "Questions graded so far." }),
    finished: z.boolean(),
    difficulty: ShownDifficulty,
    ability: Ability,
    question: PublicQuestion.nullable().openapi({ description: "The current question; null once finished." }),
    startedAt: z.string(),
  })
  .openapi("SessionState");
export type SessionState = z.infer<typeof SessionState>;

/** The answer key as shown after grading. */
export const CorrectAnswer = z
  .union([
    z.object({ choices: z.array(z.string()) }),
    z.object({ value: z.number(), tolerance: z.number() }),
    z.object({ text: z.array(z.string()) }),
  ])
  .openapi("CorrectAnswer");
export type CorrectAnswer = z.infer<typeof CorrectAnswer>;

export const AnswerResult = z
  .object({
    sessionId: SessionId,
    questionId: QuestionId,
    correct: z.boolean(),
    score: z.number().min(0).max(1).openapi({ description: "1 or 0; partial credit for multiple choice." }),
    correctAnswer: CorrectAnswer,
    explanation: z.string().nullable(),
    explanationMediaKeys: z
      .array(z.string())
      .openapi({ description: "Media of the explanation (worked solutions), served at /api/media/{key}." }),
    difficulty: ShownDifficulty,
    ability: Ability,
    position: z.number().int(),
    finished: z.boolean(),
    next: PublicQuestion.nullable(),
  })
  .openapi("AnswerResult");
export type AnswerResult = z.infer<typeof AnswerResult>;

export const SessionSummary = z
  .object({
    id: SessionId,
    category: z.string(),
    mode: SessionMode,
    answered: z.number().int(),
    correct: z.number().int(),
    accuracy: z.number().min(0).max(1),
    durationMs: z.number().int().min(0),
    difficultyPath: z.array(ShownDifficulty).openapi({ description: "The level of each question given, in order." }),
    abilities: z.record(z.string(), Ability).openapi({ description: "Ability per category after the session." }),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .openapi("SessionSummary");
export type SessionSummary = z.infer<typeof SessionSummary>;

export const CategoryInfo = z
  .object({
    name: z.string(),
    total: z.number().int(),
    byDifficulty: z.record(z.string(), z.number().int()),
    byLanguage: z.record(z.string(), z.number().int()),
    tags: z.array(z.string()),
  })
  .openapi("CategoryInfo");
export type CategoryInfo = z.infer<typeof CategoryInfo>;

export const CategoryList = z.object({ categories: z.array(CategoryInfo) }).openapi("CategoryList");
export type CategoryList = z.infer<typeof CategoryList>;
