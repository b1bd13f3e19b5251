import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { api, postJson } from "../helpers/http.ts";
import { answerTo } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

/** Key names that carry or hint at the answer key, at any depth. */
const FORBIDDEN_KEY = /answer|correct|solution|explanation|accepted|tolerance|is_?right|key$/i;

/** Every forbidden key path in a JSON value. */
function forbiddenPaths(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenPaths(item, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(FORBIDDEN_KEY.test(key) ? [`${path}.${key}`] : []),
    ...forbiddenPaths(child, `${path}.${key}`),
  ]);
}

let bank: Question[];

beforeAll(async () => {
  bank = await questionBank();
  // Half at the edge, half only at the origin: both tiers' payloads are checked.
  await seedD1(env.DB, bank.slice(0, Math.floor(bank.length / 2)));
});

async function learnerJson(res: Response): Promise<unknown> {
  expect(res.headers.get("content-type")).toMatch(/json/);
  return res.json();
}

describe("learner payloads never carry the answer key", () => {
  it("the scanner catches what it should", () => {
    expect(forbiddenPaths({ a: [{ b: { correctAnswer: 1 } }], is_correct: true, answer: 2 })).toEqual([
      "$.a[0].b.correctAnswer",
      "$.is_correct",
      "$.answer",
    ]);
  });

  it("holds for every bank question, served by the batch route from D1 and the origin", async () => {
    const publicTexts = bank.flatMap((q) => [q.text, ...q.choices.map((c) => c.text)]).join("\n");
    for (let i = 0; i < bank.length; i += 100) {
      const ids = bank.slice(i, i + 100).map((q) => q.id);
      const body = await learnerJson(await postJson("/api/questions/batch", { ids }));
      expect(forbiddenPaths(body)).toEqual([]);
      const text = JSON.stringify(body);
      for (const q of bank.slice(i, i + 100)) {
        // Some explanations restate another question's text ("France is in Europe."); those can show.
        if (!q.explanation || publicTexts.includes(q.explanation)) continue;
        expect(text.includes(q.explanation), `explanation of ${q.id} leaked`).toBe(false);
      }
    }
  });

  it("holds for every learner endpoint, from every tier", async () => {
    const [first, second] = bank as [Question, Question];
    const paths = [
      `/api/questions/${first.id}`,
      `/api/questions/${first.id}`, // from memory
      `/api/questions/${second.id}`,
      "/api/questions/random",
      "/api/questions/random?category=mathematics&difficulty=3",
      "/api/questions?limit=100",
      "/api/questions?category=chemistry&limit=50",
      "/api/questions/search?q=what",
      "/api/questions/search?q=which&category=geography",
      `/api/questions/${first.id}/similar?limit=20`,
      `/api/questions/${bank[bank.length - 1]?.id}/similar?limit=20`,
      "/api/questions/q_missing000000000",
    ];
    for (const path of paths) {
      const body = await learnerJson(await api(path));
      expect(forbiddenPaths(body), path).toEqual([]);
    }
  });

  it("holds for question types whose keys are texts and numbers", async () => {
    for (const type of ["short_answer", "numeric", "true_false", "multiple_choice"] as const) {
      const q = bank.find((b) => b.type === type) as Question;
      const body = (await learnerJson(await api(`/api/questions/${q.id}`))) as Record<string, unknown>;
      expect(forbiddenPaths(body)).toEqual([]);
      expect(Object.keys(body).sort()).toEqual(
        [
          "bloomLevel",
          "category",
          "choices",
          "createdAt",
          "difficulty",
          "id",
          "language",
          "mediaKeys",
          "tags",
          "text",
          "type",
          "updatedAt",
          "version",
        ].sort(),
      );
      if (q.answer.kind === "text") {
        for (const accepted of q.answer.accepted) expect(JSON.stringify(body)).not.toContain(`"${accepted}"`);
      }
    }
  });

  it("holds for every session route: start (JSON and form), state and the next question", async () => {
    const byId = new Map(bank.map((q) => [q.id, q]));
    const publicText = (q: Question) => [q.text, ...q.choices.map((c) => c.text)].join("\n");
    const asked = new Set<string>();
    const scan = (what: string, payload: unknown, questionId: string | null) => {
      expect(forbiddenPaths(payload), what).toEqual([]);
      if (questionId === null) return;
      const q = byId.get(questionId) as Question;
      asked.add(q.id);
      const text = JSON.stringify(payload);
      if (q.explanation && !publicText(q).includes(q.explanation)) expect(text, what).not.toContain(q.explanation);
      if (q.answer.kind === "text") for (const a of q.answer.accepted) expect(text, what).not.toContain(`"${a}"`);
    };
    const listed = (await learnerJson(await api("/api/categories"))) as { categories: { name: string }[] };
    expect(forbiddenPaths(listed)).toEqual([]);
    const categories = listed.categories.map((c) => c.name).filter((name) => name !== "mathematics");
    const starts: { headers: Record<string, string>; start: () => Promise<Response> }[] = [
      {
        headers: {},
        start: () =>
          api("/api/sessions/start", {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "topic=math&difficulty=3&length=50",
          }),
      },
      // Every other category at the edge, one learner each (each within the learner rate limit).
      ...(await Promise.all(
        categories.map(async (topic, i) => {
          const auth = bearer(await learnerToken(`scan-${topic}`));
          return {
            headers: auth,
            start: () =>
              postJson("/api/sessions/start", { topic, length: 50, difficulty: 1 + (i % 5) }, { headers: auth }),
          };
        }),
      )),
    ];
    for (const { headers, start } of starts) {
      const res = await start();
      expect(res.status).toBe(201);
      const session = (await learnerJson(res)) as { id: string; question: { id: string } | null };
      scan("start", session, session.question?.id ?? null);
      let current = session.question;
      for (let i = 0; current !== null; i++) {
        scan("state", await learnerJson(await api(`/api/sessions/${session.id}`, { headers })), current.id);
        const q = byId.get(current.id) as Question;
        const answer = await postJson(
          `/api/sessions/${session.id}/answers`,
          { questionId: q.id, answer: answerTo(q, i % 2 === 0) },
          { headers: { ...headers, "idempotency-key": `scan-${i}` } },
        );
        expect(answer.status).toBe(200);
        const result = (await learnerJson(answer)) as { next: { id: string } | null; explanation: unknown };
        // The key and the explanation are shown here, and only here.
        expect(result).toHaveProperty("correctAnswer");
        expect(result.explanation).toBe(q.explanation);
        scan("next", result.next, result.next?.id ?? null);
        current = result.next;
      }
      const summary = await learnerJson(await api(`/api/sessions/${session.id}/finish`, { method: "POST", headers }));
      expect(JSON.stringify(summary)).not.toMatch(/explanation|correctAnswer/);
    }
    expect(new Set([...asked].map((id) => byId.get(id)?.type))).toEqual(
      new Set(["single_choice", "multiple_choice", "true_false", "numeric", "short_answer"]),
    );
  });
});
