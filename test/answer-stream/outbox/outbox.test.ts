import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { AnswerStreamEvent } from "../../../schemas/answer-events.ts";
import { defaultSettings } from "../../../schemas/config-registry.ts";
import type { Question } from "../../../schemas/question.ts";
import type { GradedAnswer } from "../../../schemas/session-events.ts";
import { adaptiveSettings } from "../../../src/adaptive/settings.ts";
import {
  answerOutboxEffect,
  flushOutbox,
  pendingOutbox,
  sessionOutboxEffect,
} from "../../../src/answer-stream/outbox/outbox.ts";
import { answerEventFrom } from "../../../src/answer-stream/outbox/stream-events.ts";
import { openOrigin } from "../../../src/origin/client.ts";
import { ALARM_TASKS } from "../../../src/sessions/alarm-tasks.ts";
import { ANSWER_EFFECTS, SESSION_EFFECTS } from "../../../src/sessions/answer-effects.ts";
import type { LearnerObject } from "../../../src/sessions/learner-object.ts";
import { LEARNER_MIGRATIONS } from "../../../src/sessions/storage/migrations.ts";
import { migrateSchema } from "../../../src/sessions/storage/schema-migrations.ts";
import { deliverAnswers, recordingQueue } from "../../helpers/answer-stream.ts";
import { seedBankById } from "../../helpers/bank.ts";
import { originDownEnv } from "../../helpers/failures.ts";
import { playSession } from "../../helpers/play-sessions.ts";
import { eventually } from "../../helpers/runs.ts";

const origin = openOrigin(env.ORIGIN);
let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

function learnerStub(learner: string): DurableObjectStub<LearnerObject> {
  return env.LEARNER.get(env.LEARNER.idFromName(`user:${learner}`)) as DurableObjectStub<LearnerObject>;
}

/** A queue that refuses every send, as during a Queues incident. */
function refusingQueue(): Queue {
  const refuse = () => Promise.reject(new Error("queue unavailable"));
  return { send: refuse, sendBatch: refuse } as unknown as Queue;
}

async function originCounts(sessionId: string) {
  const [row] = await origin.sql<{ answers: number; distinct_ids: number; sessions: number; ended: number }[]>`
    SELECT (SELECT count(*) FROM answers WHERE session_id = ${sessionId})::integer AS answers,
      (SELECT count(DISTINCT id) FROM answers WHERE session_id = ${sessionId})::integer AS distinct_ids,
      (SELECT count(*) FROM quiz_sessions WHERE id = ${sessionId})::integer AS sessions,
      (SELECT count(*) FROM quiz_sessions WHERE id = ${sessionId} AND ended_at IS NOT NULL)::integer AS ended`;
  return row;
}

function graded(overrides: Partial<GradedAnswer> = {}): GradedAnswer {
  return {
    answerId: crypto.randomUUID(),
    sessionId: "s_outbox",
    learnerId: "learner-outbox",
    questionId: "q_outbox",
    questionVersion: 1,
    questionType: "single_choice",
    category: "test",
    language: "en",
    itemDifficulty: 0.5,
    level: 3,
    abilityBefore: { theta: 0.1, se: 1 },
    abilityAfter: { theta: 0.3, se: 0.9 },
    correct: true,
    score: 1,
    answer: { choices: ["a"] },
    elapsedMs: 1200,
    answeredAt: Date.now(),
    position: 1,
    mode: "adaptive",
    engine: "irt",
    ...overrides,
  };
}

describe("the learner object's outbox", () => {
  it("is the answer effect and an alarm task of the learner object", () => {
    expect(ALARM_TASKS).toContain(flushOutbox);
    expect(ANSWER_EFFECTS).toContain(answerOutboxEffect);
    expect(SESSION_EFFECTS).toContain(sessionOutboxEffect);
  });

  it("delivers a played session to the origin through ANSWERS_QUEUE, each answer once", async () => {
    const { sessionId, answered } = await playSession(`stream-${crypto.randomUUID()}`, byId, { length: 5 });
    expect(answered).toBe(5);
    const counts = await eventually(async () => {
      const c = await originCounts(sessionId);
      expect(c).toMatchObject({ answers: 5, sessions: 1, ended: 1 });
      return c;
    }, 30_000);
    expect(counts?.distinct_ids).toBe(5);
  }, 60_000);

  it("keeps what the queue refused and delivers it on a later alarm", async () => {
    const stub = learnerStub(`outbox-${crypto.randomUUID()}`);
    const answer = graded();
    await runInDurableObject(stub, async (_instance, state) => {
      migrateSchema(state.storage, LEARNER_MIGRATIONS);
      const now = Date.now();
      const wakes: number[] = [];
      state.storage.transactionSync(() =>
        answerOutboxEffect(state.storage.sql, answer, {
          storage: state.storage,
          env,
          now,
          settings: adaptiveSettings(defaultSettings()),
          wakeAt: (at) => wakes.push(at),
          afterCommit: () => {},
        }),
      );
      expect(wakes).toEqual([now]);
      expect(pendingOutbox(state.storage.sql)).toBe(1);

      const retryAt = await flushOutbox({
        storage: state.storage,
        env: { ...env, ANSWERS_QUEUE: refusingQueue() },
        now,
        forgetSessions: () => {},
      });
      expect(pendingOutbox(state.storage.sql)).toBe(1);
      expect(retryAt).toBeGreaterThan(now);

      // Not due yet: nothing is sent.
      const early = recordingQueue<unknown>();
      expect(
        await flushOutbox({
          storage: state.storage,
          env: { ...env, ANSWERS_QUEUE: early },
          now,
          forgetSessions: () => {},
        }),
      ).toBe(retryAt);
      expect(early.sent).toEqual([]);

      const queue = recordingQueue<unknown>();
      const next = await flushOutbox({
        storage: state.storage,
        env: { ...env, ANSWERS_QUEUE: queue },
        now: retryAt as number,
        forgetSessions: () => {},
      });
      expect(next).toBeNull();
      expect(pendingOutbox(state.storage.sql)).toBe(0);
      expect(queue.sent).toEqual([answerEventFrom(answer)]);
      expect(AnswerStreamEvent.parse(queue.sent[0])).toMatchObject({ type: "answer.graded", id: answer.answerId });
    });
  });

  it("origin down while 200 answers are given, then back: every answer arrives exactly once", async () => {
    // The learners' objects send to a queue this test holds, so the origin sees only what it delivers.
    const learners = Array.from({ length: 20 }, () => `down-${crypto.randomUUID()}`);
    const queue = recordingQueue<unknown>();
    for (const learner of learners) {
      await runInDurableObject(learnerStub(learner), (instance) => {
        Object.assign(instance, { env: { ...env, ANSWERS_QUEUE: queue } });
      });
    }
    const sessions = [];
    for (const learner of learners) sessions.push(await playSession(learner, byId, { length: 10 }));
    const events = await eventually(async () => {
      expect(queue.sent.filter((e) => (e as AnswerStreamEvent).type === "answer.graded")).toHaveLength(200);
      return queue.sent;
    }, 90_000);
    expect(events).toHaveLength(240); // 200 answers, 20 starts, 20 finishes

    // In batches of 100 while the origin is down: every message retried, nothing written.
    const batches = [0, 100, 200].map((from) => {
      const bodies = events.slice(from, from + 100);
      return { bodies, ids: bodies.map(() => `msg-${crypto.randomUUID()}`) };
    });
    for (let attempts = 1; attempts <= 3; attempts++) {
      for (const { bodies, ids } of batches) {
        const { result } = await deliverAnswers(bodies, { environment: originDownEnv(), attempts, ids });
        expect(result.retryMessages).toHaveLength(bodies.length);
      }
    }
    for (const { sessionId } of sessions) expect((await originCounts(sessionId))?.answers).toBe(0);

    // Back up: the retries land, and one batch delivered twice changes nothing.
    for (const { bodies, ids } of [...batches, batches[1] as (typeof batches)[number]]) {
      const { result } = await deliverAnswers(bodies, { attempts: 4, ids });
      expect(result.explicitAcks).toHaveLength(bodies.length);
    }
    for (const { sessionId } of sessions) {
      expect(await originCounts(sessionId)).toEqual({ answers: 10, distinct_ids: 10, sessions: 1, ended: 1 });
    }
  }, 180_000);
});
