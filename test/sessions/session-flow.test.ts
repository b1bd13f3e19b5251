import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { AnswerResult, SessionState, SessionSummary } from "../../schemas/session-api.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { answerTo, startSession, submitAnswer } from "../helpers/sessions.ts";
import { publishSettings } from "../helpers/settings.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

describe("a whole session", () => {
  it("starts from the seed's k6 form without a token", async () => {
    const res = await api("/api/sessions/start", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "topic=math&difficulty=3",
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as SessionState;
    expect(res.headers.get("location")).toBe(`/api/sessions/${body.id}`);
    expect(body.id).toMatch(/^s_[0-9a-f]{32}$/);
    expect(body.category).toBe("mathematics");
    expect(body.difficulty).toBe(3);
    expect(body.position).toBe(0);
    expect(body.length).toBe(10);
    expect(body.question?.category).toBe("mathematics");
  });

  it("a signed-in learner plays every question, graded right and wrong, then finishes", async () => {
    const auth = bearer(await learnerToken("learner-flow"));
    const start = await startSession({ topic: "Geography", difficulty: 2, length: 6 }, auth);
    expect(start.status).toBe(201);
    const session = (await start.json()) as SessionState;
    let question = session.question;
    const seen = new Set<string>();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      expect(question).not.toBeNull();
      const q = byId.get(question?.id as string) as Question;
      expect(seen.has(q.id)).toBe(false);
      seen.add(q.id);
      const correct = i % 3 !== 2;
      const res = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, correct) }, `key-${i}`, auth);
      expect(res.status).toBe(200);
      const result = (await res.json()) as AnswerResult;
      expect(result.correct).toBe(correct);
      expect(result.score).toBe(correct ? 1 : 0);
      expect(result.position).toBe(i + 1);
      expect(result.explanation).toBe(q.explanation);
      expect(result.finished).toBe(i === 5);
      outcomes.push(result.correct);
      question = result.next;
    }
    expect(question).toBeNull();
    const state = (await (await api(`/api/sessions/${session.id}`, { headers: auth })).json()) as SessionState;
    expect(state).toMatchObject({ finished: true, position: 6, question: null });
    const finish = await api(`/api/sessions/${session.id}/finish`, { method: "POST", headers: auth });
    expect(finish.status).toBe(200);
    const summary = (await finish.json()) as SessionSummary;
    expect(summary).toMatchObject({ answered: 6, correct: 4, category: "geography" });
    expect(summary.accuracy).toBeCloseTo(4 / 6, 3);
    expect(summary.difficultyPath).toHaveLength(6);
    expect(summary.abilities.geography?.se).toBeLessThan(1);
  });

  it("another learner and anonymous callers get 404 for a learner's session", async () => {
    const auth = bearer(await learnerToken("learner-owner"));
    const session = (await (await startSession({ topic: "chemistry" }, auth)).json()) as SessionState;
    const other = bearer(await learnerToken("learner-other"));
    expect((await api(`/api/sessions/${session.id}`, { headers: other })).status).toBe(404);
    expect((await api(`/api/sessions/${session.id}`)).status).toBe(404);
    expect((await api(`/api/sessions/${session.id}`, { headers: auth })).status).toBe(200);
  });
});

describe("idempotent answers", () => {
  it("a retry gets the stored response byte for byte and records nothing new", async () => {
    const session = (await (await startSession({ topic: "physics", length: 3 })).json()) as SessionState;
    const q = byId.get(session.question?.id as string) as Question;
    const body = { questionId: q.id, answer: answerTo(q, true), elapsedMs: 1200 };
    const first = await submitAnswer(session.id, body, "retry-key");
    const firstText = await first.text();
    const again = await submitAnswer(session.id, body, "retry-key");
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstText);
    const state = (await (await api(`/api/sessions/${session.id}`)).json()) as SessionState;
    expect(state.position).toBe(1);
  });
});

describe("features.beta_engine", () => {
  it("picks the engine per learner: the beta engine moves ability from the first answer, the seed rule waits", async () => {
    await publishSettings({
      "features.beta_engine": { enabled: true, rolloutPercent: 0, allow: ["beta-learner"], deny: [] },
    });
    const thetaAfterOneRightAnswer = async (learner: string) => {
      const auth = bearer(await learnerToken(learner));
      const session = (await (await startSession({ topic: "chemistry", difficulty: 3 }, auth)).json()) as SessionState;
      const q = byId.get(session.question?.id as string) as Question;
      const res = await submitAnswer(session.id, { questionId: q.id, answer: answerTo(q, true) }, "first", auth);
      const result = (await res.json()) as AnswerResult;
      return { before: session.ability.theta, after: result.ability.theta, difficulty: result.difficulty };
    };
    const beta = await thetaAfterOneRightAnswer("beta-learner");
    expect(beta.after).toBeGreaterThan(beta.before);
    const seed = await thetaAfterOneRightAnswer("seed-learner");
    expect(seed.after).toBe(seed.before);
    // Both hold the level for the first min_questions_per_session answers.
    expect(beta.difficulty).toBe(3);
    expect(seed.difficulty).toBe(3);
    await publishSettings({});
  });
});

describe("the OpenAPI document", () => {
  it("describes every session route with its request and error shapes", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: object }>>;
    };
    expect(Object.keys(doc.paths["/api/sessions/start"]?.post?.requestBody?.content ?? {}).sort()).toEqual([
      "application/json",
      "application/x-www-form-urlencoded",
    ]);
    expect(Object.keys(doc.paths["/api/sessions/{id}/answers"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "404", "409", "422", "503"]),
    );
    expect(doc.paths["/api/sessions/{id}"]?.get).toBeDefined();
    expect(doc.paths["/api/sessions/{id}/finish"]?.post).toBeDefined();
    expect(doc.paths["/api/categories"]?.get).toBeDefined();
  });
});
