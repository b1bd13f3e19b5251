import type { AnswerGradedEvent, SessionFinishedEvent, SessionStartedEvent } from "../../../schemas/answer-events.ts";
import type { GradedAnswer, SessionEvent } from "../../../schemas/session-events.ts";

/** The stream bounds logits to ±10 (the calibration's exp() must stay finite); an engine never gets near. */
function logit(value: number): number {
  return Math.max(-10, Math.min(10, value));
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A graded answer as the stream carries it; its id is the answer's, so a re-send is the same event. */
export function answerEventFrom(graded: GradedAnswer): AnswerGradedEvent {
  return {
    type: "answer.graded",
    id: graded.answerId,
    sessionId: graded.sessionId,
    learnerId: graded.learnerId,
    questionId: graded.questionId,
    category: graded.category,
    itemDifficulty: logit(graded.itemDifficulty),
    abilityBefore: logit(graded.abilityBefore.theta),
    abilityAfter: logit(graded.abilityAfter.theta),
    correct: graded.correct,
    score: graded.score,
    elapsedMs: graded.elapsedMs,
    response: graded.answer,
    answeredAt: iso(graded.answeredAt),
  };
}

/** A session's start or finish; one of each per session, so the session id names the event. */
export function sessionEventFrom(event: SessionEvent): SessionStartedEvent | SessionFinishedEvent {
  const fields = {
    sessionId: event.sessionId,
    learnerId: event.learnerId,
    category: event.category,
    mode: event.mode,
    length: event.length,
    startedAt: iso(event.startedAt),
  };
  if (event.type === "started") return { type: "session.started", id: `${event.sessionId}:started`, ...fields };
  return {
    type: "session.finished",
    id: `${event.sessionId}:finished`,
    ...fields,
    finishedAt: iso(event.at),
    answered: event.answered,
    correct: event.correct,
  };
}
