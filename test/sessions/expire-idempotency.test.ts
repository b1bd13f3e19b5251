import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { SessionState } from "../../schemas/session-api.ts";
import { expireIdempotencyRecords, IDEMPOTENCY_RETENTION_MS } from "../../src/sessions/expire-idempotency.ts";
import { anonymousObjectName } from "../../src/sessions/learner-stub.ts";
import { seedBankById } from "../helpers/bank.ts";
import { answerTo, startSession, submitAnswer } from "../helpers/sessions.ts";

let byId: Map<string, Question>;
beforeAll(async () => {
  byId = await seedBankById(env.DB);
});
afterEach(() => vi.useRealTimers());

const HOUR = 3_600_000;

async function counts(object: DurableObjectStub, sessionId: string) {
  return runInDurableObject(object, (_i, state) => ({
    keys: state.storage.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM idempotency_keys WHERE session_id = ?", sessionId)
      .one().n,
    answers: state.storage.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM answers WHERE session_id = ?", sessionId)
      .one().n,
  }));
}

it("drops idempotency records a day after their answer, and a late retry still records the answer once", async () => {
  const start = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  const started = await startSession({ topic: "geography", length: 5 });
  expect(started.status).toBe(201);
  const session = (await started.json()) as SessionState;
  const q = byId.get((session.question as { id: string }).id) as Question;
  const body = { questionId: q.id, answer: answerTo(q, true) };
  const first = await submitAnswer(session.id, body, "late-retry");
  expect(first.status).toBe(200);
  const object = env.LEARNER.get(env.LEARNER.idFromName(anonymousObjectName(session.id)));

  // Within the day the key replays the stored response, the alarm's expiry runs or not.
  vi.setSystemTime(start + IDEMPOTENCY_RETENTION_MS - HOUR);
  await runDurableObjectAlarm(object);
  const replay = await submitAnswer(session.id, body, "late-retry");
  expect([replay.status, await replay.text()]).toEqual([200, await first.text()]);
  expect(await counts(object, session.id)).toEqual({ keys: 1, answers: 1 });

  // A day on (and an hour past the last expiry), the record is gone and the retry is refused.
  vi.setSystemTime(start + IDEMPOTENCY_RETENTION_MS + 1);
  expect(await runInDurableObject(object, (_i, state) => state.storage.getAlarm())).not.toBeNull();
  expect(await runDurableObjectAlarm(object)).toBe(true);
  expect(await counts(object, session.id)).toEqual({ keys: 0, answers: 1 });
  const late = await submitAnswer(session.id, body, "late-retry");
  expect(late.status).toBe(409);
  expect(await counts(object, session.id)).toEqual({ keys: 0, answers: 1 });
});

it("comes back for records written after a run it skipped, so a quiet object still expires them", async () => {
  const started = await startSession({ topic: "geography", length: 5 });
  const session = (await started.json()) as SessionState;
  const object = env.LEARNER.get(env.LEARNER.idFromName(anonymousObjectName(session.id)));
  const next = await runInDurableObject(object, async (_i, state) => {
    const run = (now: number) =>
      expireIdempotencyRecords({ storage: state.storage, env, now, forgetSessions: () => {} });
    const t0 = Date.now() + 10 * IDEMPOTENCY_RETENTION_MS; // past every record the start wrote
    expect(await run(t0)).toBeNull();
    state.storage.sql.exec(
      "INSERT INTO idempotency_keys (session_id, key, request, status, body, created_at) VALUES (?, 'late', '{}', 200, '{}', ?)",
      session.id,
      t0 + 60_000,
    );
    return [await run(t0 + 120_000), t0] as const;
  });
  // Skipped (within the hour), it still asks for a run: at the end of that hour.
  expect(next[0]).toBe(next[1] + HOUR);
});
