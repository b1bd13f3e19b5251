import { z } from "zod";
import { QuestionType } from "./question.ts";
import { Ability, AnswerInput, EngineName, SessionMode } from "./session-api.ts";

/**
 * One graded answer, as the learner object records it and hands it to its answer effects
 * (the outbox of the answer stream, review cards, points). Ids are stable: a retried
 * delivery carries the same `answerId`.
 */
export const GradedAnswer = z.object({
  answerId: z.string(),
  sessionId: z.string(),
  /** The signed-in learner (`sub`), or null for an anonymous session. */
  learnerId: z.string().nullable(),
  questionId: z.string(),
  questionVersion: z.number().int(),
  questionType: QuestionType,
  category: z.string(),
  language: z.string(),
  /** Item difficulty used by the engine, in logits (calibrated, else the prior of `level`). */
  itemDifficulty: z.number(),
  /** The question's 1–5 level. */
  level: z.number().int().min(1).max(5),
  abilityBefore: Ability,
  abilityAfter: Ability,
  correct: z.boolean(),
  score: z.number().min(0).max(1),
  answer: AnswerInput,
  elapsedMs: z.number().int().nullable(),
  /** Epoch milliseconds. */
  answeredAt: z.number().int(),
  /** 1-based place of the question in its session. */
  position: z.number().int(),
  mode: SessionMode,
  engine: EngineName,
});
export type GradedAnswer = z.infer<typeof GradedAnswer>;

/** A session starting or finishing (effects: streaks, the answer stream). */
export const SessionEvent = z.object({
  type: z.enum(["started", "finished"]),
  sessionId: z.string(),
  learnerId: z.string().nullable(),
  category: z.string(),
  language: z.string().nullable(),
  mode: SessionMode,
  engine: EngineName,
  length: z.number().int(),
  /** Answers graded so far (at finish: all of them). */
  answered: z.number().int(),
  correct: z.number().int(),
  /** Epoch milliseconds. */
  at: z.number().int(),
});
export type SessionEvent = z.infer<typeof SessionEvent>;
