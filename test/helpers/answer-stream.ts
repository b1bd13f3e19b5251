import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import type {
  AnswerGradedEvent,
  AnswerStreamEvent,
  SessionFinishedEvent,
  SessionStartedEvent,
} from "../../schemas/answer-events.ts";
import worker from "../../workers/index.ts";

export const ANSWERS_QUEUE_NAME = "edge-quiz-answers";

/** A time in the current month, so rows land in a monthly partition. */
function recent(offsetMs = 0): string {
  return new Date(Date.now() - 60_000 + offsetMs).toISOString();
}

export function sessionStarted(sessionId: string, o: Partial<SessionStartedEvent> = {}): SessionStartedEvent {
  return {
    type: "session.started",
    id: `${sessionId}:started`,
    sessionId,
    learnerId: `learner-${sessionId}`,
    category: "test",
    mode: "adaptive",
    length: 10,
    startedAt: recent(),
    ...o,
  };
}

export function sessionFinished(
  started: SessionStartedEvent,
  o: Partial<SessionFinishedEvent> = {},
): SessionFinishedEvent {
  return {
    ...started,
    type: "session.finished",
    id: `${started.sessionId}:finished`,
    finishedAt: recent(30_000),
    answered: 1,
    correct: 1,
    ...o,
  };
}

export function answerGraded(
  questionId: string,
  o: Partial<AnswerGradedEvent> & Pick<AnswerGradedEvent, "id">,
): AnswerGradedEvent {
  return {
    type: "answer.graded",
    sessionId: "session-test",
    learnerId: "learner-test",
    questionId,
    category: "test",
    itemDifficulty: 0,
    abilityBefore: 0,
    abilityAfter: 0,
    correct: true,
    score: 1,
    elapsedMs: 4000,
    response: { choices: ["a"] },
    answeredAt: recent(),
    ...o,
  };
}

/** A queue that keeps what is sent to it (for the dead-letter queue in tests). */
export function recordingQueue<T>(): Queue<T> & { sent: T[] } {
  const sent: T[] = [];
  return {
    sent,
    async send(body: T) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<T>>) {
      for (const m of messages) sent.push(m.body);
    },
  } as unknown as Queue<T> & { sent: T[] };
}

/**
 * Delivers events to the Worker's queue handler as one ANSWERS_QUEUE batch (message ids from
 * `ids`, so a redelivery can repeat them) and reports what became of each message, with the
 * retry delays asked for (getQueueResult does not report them).
 */
export async function deliverAnswers(
  bodies: (AnswerStreamEvent | unknown)[],
  options: { environment?: Env; attempts?: number; ids?: string[]; queue?: string } = {},
) {
  const batch = createMessageBatch(
    options.queue ?? ANSWERS_QUEUE_NAME,
    bodies.map((body, i) => ({
      id: options.ids?.[i] ?? `msg-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body,
    })),
  );
  const delays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    Object.defineProperty(message, "retry", {
      value: (o?: QueueRetryOptions) => {
        delays.push(o?.delaySeconds);
        retry(o);
      },
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, options.environment ?? env, ctx);
  return { batch, delays, result: await getQueueResult(batch, ctx) };
}
