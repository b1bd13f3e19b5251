import { z } from "zod";
import { QuestionId } from "./question.ts";

/**
 * The answer stream: what a learner's Durable Object sends to `ANSWERS_QUEUE` and the consumer
 * writes to the origin. Each event has a stable `id`, fixed when the object records it, so a
 * redelivered or re-sent event is recognised; one queue message carries one event.
 */

const Timestamp = z.iso.datetime({ offset: true });
const EventId = z.string().min(1).max(128);
const LearnerId = z.string().min(1).max(255);
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

/** What the learner gave: choice ids, a number or a text (as the sessions API takes it). */
export const SubmittedResponse = z.union([
  z.object({ choices: z.array(z.string().min(1).max(16)).max(26) }),
  z.object({ value: z.number() }),
  z.object({ text: z.string().max(1024) }),
]);
export type SubmittedResponse = z.infer<typeof SubmittedResponse>;

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
  response: SubmittedResponse.nullable(),
  answeredAt: Timestamp,
});

export const SessionFinishedEvent = z.object({
  type: z.literal("session.finished"),
  id: EventId,
  ...SessionFields,
  finishedAt: Timestamp,
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** Mean score over the session's answers, 0..1; null when nothing was answered. */
  score: z.number().min(0).max(1).nullable(),
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
