import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { SessionState } from "../../schemas/session-api.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { answerTo, startSession, submitAnswer } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

async function started(topic: string, headers: Record<string, string> = {}): Promise<SessionState> {
  const res = await startSession({ topic, length: 5 }, headers);
  expect(res.status).toBe(201);
  return (await res.json()) as SessionState;
}

async function position(id: string, headers: Record<string, string> = {}): Promise<number> {
  return ((await (await api(`/api/sessions/${id}`, { headers })).json()) as SessionState).position;
}

describe("20 concurrent submissions", () => {
  it("with one key: one answer is recorded and every caller gets the same response", async () => {
    const auth = bearer(await learnerToken("learner-same-key"));
    const session = await started("history", auth);
    const q = byId.get(session.question?.id as string) as Question;
    const body = { questionId: q.id, answer: answerTo(q, true) };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submitAnswer(session.id, body, "one-key", auth)),
    );
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(texts).size).toBe(1);
    expect(await position(session.id, auth)).toBe(1);
    const summary = await (await api(`/api/sessions/${session.id}/finish`, { method: "POST", headers: auth })).json();
    expect(summary).toMatchObject({ answered: 1, correct: 1 });
  });

  it("with different keys for one question: one is graded and the rest get 409", async () => {
    const session = await started("music");
    const q = byId.get(session.question?.id as string) as Question;
    const body = { questionId: q.id, answer: answerTo(q, false) };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submitAnswer(session.id, body, `key-${i}`)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    for (const res of responses.filter((r) => r.status === 409)) await expectProblem(res, 409);
    expect(await position(session.id)).toBe(1);
    const summary = await (await api(`/api/sessions/${session.id}/finish`, { method: "POST" })).json();
    expect(summary).toMatchObject({ answered: 1, correct: 0 });
  });
});

describe("idempotency keys", () => {
  it("is required: 400 without one", async () => {
    const session = await started("biology");
    const q = byId.get(session.question?.id as string) as Question;
    const res = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, null);
    const problem = await expectProblem(res, 400);
    expect(JSON.stringify(problem.errors)).toContain("idempotency-key");
    expect(await position(session.id)).toBe(0);
  });

  it("the same key with another body is 422, and the first response stays", async () => {
    const session = await started("astronomy");
    const q = byId.get(session.question?.id as string) as Question;
    const first = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "reused");
    expect(first.status).toBe(200);
    const firstText = await first.text();
    await expectProblem(
      await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, false) }, "reused"),
      422,
    );
    await expectProblem(
      await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true), elapsedMs: 5 }, "reused"),
      422,
    );
    const replay = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "reused");
    expect(await replay.text()).toBe(firstText);
    expect(await position(session.id)).toBe(1);
  });

  it("takes the structured-header form of the key", async () => {
    const session = await started("computing");
    const q = byId.get(session.question?.id as string) as Question;
    const body = { questionId: q.id, answer: answerTo(q, true) };
    const first = await submitAnswer(session.id, body, '"8e03978e-40d5-43e8-bc93-6894a57f9324"');
    const bare = await submitAnswer(session.id, body, "8e03978e-40d5-43e8-bc93-6894a57f9324");
    expect(await bare.text()).toBe(await first.text());
  });

  it("a replay is served after the session has moved on, even once it is finished", async () => {
    const session = await started("languages");
    let current = byId.get(session.question?.id as string) as Question;
    const firstBody = { questionId: current.id, answer: answerTo(current, true) };
    const firstText = await (await submitAnswer(session.id, firstBody, "k1")).text();
    current = byId.get(JSON.parse(firstText).next.id) as Question;
    await submitAnswer(session.id, { questionId: current.id, answer: answerTo(current, true) }, "k2");
    await api(`/api/sessions/${session.id}/finish`, { method: "POST" });
    const replay = await submitAnswer(session.id, firstBody, "k1");
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe(firstText);
  });
});
