import { z } from "zod";
import { QuestionId } from "./question.ts";
import { AnswerInput } from "./session-api.ts";

/**
 * The answer stream: what a learner's Durable Object sends to `ANSWERS_QUEUE` and the consumer
 * writes to the origin. Each event has a stable `id`, fixed when the object records it, so a
 * redelivered or re-sent event is recognised; one queue message carries one event.
 */

const Timestamp = z.iso.datetime({ offset: true });
const EventId = z.string().min(1).max(128);
/** The signed-in learner (`sub`); null for an anonymous session. */
const LearnerId = z.string().min(1).max(255).nullable();
const SessionId = z.string().min(1).max(128);
/** A logit on the engine's scale; bounded so a corrupt value cannot poison the calibration. */
const Logit = z.number().min(-10).max(10);

/** What a session row needs; repeated on `session.finished`, which may arrive before `session.started`. */
const SessionFields = {
  sessionId: SessionId,
  learnerId: LearnerId,
  category: z.string().min(1).max(100).nullable(),
  mode: z.string().min(1).max(32),
  length: z.number().int().min(1).max(1000),
  startedAt: Timestamp,
};

export const SessionStartedEvent = z.object({
  type: z.literal("session.started"),
  id: EventId,
  ...SessionFields,
});

export const AnswerGradedEvent = z.object({
  type: z.literal("answer.graded"),
  /** The answer's id; the origin row's key. */
  id: EventId,
  sessionId: SessionId,
  learnerId: LearnerId,
  questionId: QuestionId,
  category: z.string().min(1).max(100),
  /** The item difficulty the engine used (calibrated when it had one, else the prior). */
  itemDifficulty: Logit,
  abilityBefore: Logit,
  abilityAfter: Logit,
  correct: z.boolean(),
  /** 0..1 (partial credit for multiple choice). */
  score: z.number().min(0).max(1),
  elapsedMs: z.number().int().min(0).max(86_400_000).nullable(),
  /** What the learner gave, as the sessions API takes it (the analytics read chosen distractors from it). */
  response: AnswerInput.nullable(),
  answeredAt: Timestamp,
});

export const SessionFinishedEvent = z.object({
  type: z.literal("session.finished"),
  id: EventId,
  ...SessionFields,
  finishedAt: Timestamp,
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
});

export const AnswerStreamEvent = z.discriminatedUnion("type", [
  SessionStartedEvent,
  AnswerGradedEvent,
  SessionFinishedEvent,
]);
export type AnswerStreamEvent = z.infer<typeof AnswerStreamEvent>;
export type SessionStartedEvent = z.infer<typeof SessionStartedEvent>;
export type AnswerGradedEvent = z.infer<typeof AnswerGradedEvent>;
export type SessionFinishedEvent = z.infer<typeof SessionFinishedEvent>;

/** One `ANSWERS_QUEUE` message: one event. */
export const AnswerStreamMessage = AnswerStreamEvent;
export type AnswerStreamMessage = AnswerStreamEvent;

/** What goes to the answers dead-letter queue: a message no retry can write, with why. */
export const AnswerDeadLetter = z.object({
  kind: z.literal("answer-poison"),
  reason: z.string(),
  body: z.unknown(),
});
export type AnswerDeadLetter = z.infer<typeof AnswerDeadLetter>;
