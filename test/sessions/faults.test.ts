import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { SessionState } from "../../schemas/session-api.ts";
import { clearIsolateMemory } from "../../src/cache/tiered-cache.ts";
import { anonymousObjectName } from "../../src/sessions/learner-stub.ts";
import { seedBankById } from "../helpers/bank.ts";
import { closedOrigin, failingD1, failingKv, withEnv } from "../helpers/failures.ts";
import { api } from "../helpers/http.ts";
import { unreachableLearners } from "../helpers/learner-object.ts";
import { expectProblem } from "../helpers/problem.ts";
import { answerTo, startSession, submitAnswer } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

async function started(body: Record<string, unknown> = { topic: "mathematics" }, headers = {}): Promise<SessionState> {
  const res = await startSession(body, headers);
  expect(res.status).toBe(201);
  return (await res.json()) as SessionState;
}

async function state(id: string, headers: Record<string, string> = {}): Promise<SessionState> {
  return (await (await api(`/api/sessions/${id}`, { headers })).json()) as SessionState;
}

function current(session: SessionState): Question {
  return byId.get(session.question?.id as string) as Question;
}

describe("starting a session", () => {
  it("an unknown topic is 404", async () => {
    await expectProblem(await startSession({ topic: "underwater basket weaving" }), 404);
    await expectProblem(await startSession({ topic: "mathematics", language: "xx" }), 404);
    const form = await api("/api/sessions/start", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "topic=nothing-like-this",
    });
    await expectProblem(form, 404);
  });

  it("matches topics case-insensitively, by category prefix and by tag", async () => {
    expect((await started({ topic: "CHEMISTRY" })).category).toBe("chemistry");
    expect((await started({ topic: "astro" })).category).toBe("astronomy");
    expect((await started({ topic: "noble gases" })).category).toBe("chemistry");
  });

  it.each([
    [{ topic: "math", difficulty: 0 }, "difficulty"],
    [{ topic: "math", difficulty: 5.5 }, "difficulty"],
    [{ topic: "math", difficulty: "hard" }, "difficulty"],
    [{ topic: "math", length: 0 }, "length"],
    [{ topic: "math", length: 51 }, "length"],
    [{ topic: "math", length: 2.5 }, "length"],
    [{ topic: "math", mode: "speed" }, "mode"],
    [{ topic: "" }, "topic"],
    [{}, "topic"],
  ])("a bad field is 422: %j", async (body, field) => {
    const problem = await expectProblem(await startSession(body), 422);
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(field);
  });

  it("a bad form field is 422 too", async () => {
    for (const body of [
      "topic=math&difficulty=9",
      "topic=math&difficulty=abc",
      "topic=math&length=500",
      "difficulty=3",
    ]) {
      const res = await api("/api/sessions/start", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      await expectProblem(res, 422);
    }
    await expectProblem(await api("/api/sessions/start", { method: "POST" }), 422);
  });

  it("other body types are 415", async () => {
    const res = await api("/api/sessions/start", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    await expectProblem(res, 415);
  });
});

describe("answering", () => {
  it("a bad answer shape is 422 and records nothing", async () => {
    const session = await started();
    const q = current(session);
    const bad = [
      { questionId: q.id, answer: { foo: 1 } },
      { questionId: q.id, answer: { choices: [] } },
      { questionId: q.id, answer: { value: "1" } },
      { questionId: q.id, answer: { choices: ["a"], value: 1 } },
      { questionId: q.id, answer: answerTo(q, true), elapsedMs: -1 },
      { questionId: q.id },
      // The right shape for another type.
      { questionId: q.id, answer: q.answer.kind === "numeric" ? { text: "4" } : { value: 4 } },
    ];
    for (const [i, body] of bad.entries()) await expectProblem(await submitAnswer(session.id, body, `bad-${i}`), 422);
    if (q.answer.kind === "choices") {
      await expectProblem(await submitAnswer(session.id, { questionId: q.id, answer: { choices: ["zz"] } }, "z"), 422);
    }
    expect((await state(session.id)).position).toBe(0);
    // The session still takes a good answer.
    expect((await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "good")).status).toBe(200);
  });

  it("a short answer over 1 KB is 422", async () => {
    const session = await started();
    const q = current(session);
    const problem = await expectProblem(
      await submitAnswer(session.id, { questionId: q.id, answer: { text: "ü".repeat(513) } }, "long"),
      422,
    );
    expect(JSON.stringify(problem.errors)).toContain("answer");
    expect((await state(session.id)).position).toBe(0);
  });

  it("answering a question that is not the current one is 409", async () => {
    const session = await started();
    const q = current(session);
    const other = [...byId.values()].find((b) => b.id !== q.id) as Question;
    await expectProblem(
      await submitAnswer(session.id, { questionId: other.id, answer: answerTo(other, true) }, "k0"),
      409,
    );
    const first = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "k1");
    expect(first.status).toBe(200);
    // The same question again, under a new key: it is no longer current.
    await expectProblem(await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "k2"), 409);
    expect((await state(session.id)).position).toBe(1);
  });

  it("answering a finished session is 409; finishing again gives the same summary", async () => {
    const session = await started();
    const q = current(session);
    const finish = await api(`/api/sessions/${session.id}/finish`, { method: "POST" });
    expect(finish.status).toBe(200);
    const summary = await finish.text();
    await expectProblem(await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "late"), 409);
    expect(await (await api(`/api/sessions/${session.id}/finish`, { method: "POST" })).text()).toBe(summary);
    expect(JSON.parse(summary)).toMatchObject({ answered: 0, correct: 0, accuracy: 0 });
  });
});

describe("whose session", () => {
  it("another learner's session and unknown ids are 404 alike; malformed ids are 400", async () => {
    const owner = bearer(await learnerToken("owner-1"));
    const session = await started({ topic: "music" }, owner);
    const q = current(session);
    const intruder = bearer(await learnerToken("intruder-1"));
    const unknown = "s_00000000000000000000000000000000";
    for (const id of [session.id, unknown]) {
      const notFound = [
        await api(`/api/sessions/${id}`, { headers: intruder }),
        await api(`/api/sessions/${id}/finish`, { method: "POST", headers: intruder }),
        await submitAnswer(id, { questionId: q.id, answer: answerTo(q, true) }, "x", intruder),
        await api(`/api/sessions/${id}`),
      ];
      const details = [];
      for (const res of notFound) details.push((await expectProblem(res, 404)).detail);
      expect(new Set(details).size).toBe(1);
    }
    await expectProblem(await api("/api/sessions/not-a-session-id"), 400);
    // The owner's session is untouched.
    expect((await state(session.id, owner)).position).toBe(0);
  });

  it("an anonymous session is not reachable with a token", async () => {
    const session = await started({ topic: "music" });
    await expectProblem(await api(`/api/sessions/${session.id}`, { headers: bearer(await learnerToken("x")) }), 404);
    expect((await api(`/api/sessions/${session.id}`)).status).toBe(200);
  });
});

describe("faults", () => {
  it("the learner object unreachable is 503 with Retry-After on every route", async () => {
    const session = await started();
    const down = withEnv({ LEARNER: unreachableLearners() });
    const calls = [
      api("/api/sessions/start", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ topic: "math" }),
        env: down,
      }),
      api(`/api/sessions/${session.id}`, { env: down }),
      api(`/api/sessions/${session.id}/finish`, { method: "POST", env: down }),
      submitAnswer(session.id, { questionId: session.question?.id, answer: { choices: ["a"] } }, "k", {}, down),
    ];
    for (const res of await Promise.all(calls)) {
      await expectProblem(res, 503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect((await state(session.id)).position).toBe(0);
  });

  it("with every question source down, an answer is 503 and nothing is recorded; the retry then works", async () => {
    const session = await started({ topic: "geography" });
    const q = current(session);
    const stub = env.LEARNER.get(env.LEARNER.idFromName(anonymousObjectName(session.id)));
    const real = await runInDurableObject(stub, (instance) => {
      const saved = Reflect.get(instance, "env") as Env;
      Reflect.set(instance, "env", { ...saved, QUESTIONS_KV: failingKv(), DB: failingD1(), ORIGIN: closedOrigin() });
      clearIsolateMemory();
      return saved;
    });
    const body = { questionId: q.id, answer: answerTo(q, true) };
    const res = await submitAnswer(session.id, body, "during-outage");
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect((await state(session.id)).position).toBe(0);
    await runInDurableObject(stub, (instance) => {
      Reflect.set(instance, "env", real);
    });
    const retry = await submitAnswer(session.id, body, "during-outage");
    expect(retry.status).toBe(200);
    expect((await state(session.id)).position).toBe(1);
  });
});
