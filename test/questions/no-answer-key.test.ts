import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { viaHandler } from "../helpers/http.ts";
import { answerTo } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

/**
 * Every learner route, scanned with a 200 from every tier it has, through the Worker's own
 * fetch handler (so questions fresh in memory come from the fast path that skips the router).
 * Each response's `x-cache` is asserted, so a scan cannot pass on an error body or a cache
 * layer it never reached.
 */

/** Key names that carry or hint at the answer key, at any depth. */
const FORBIDDEN_KEY = /answer|correct|solution|explanation|accepted|tolerance|is_?right|key$/i;

/** Every forbidden key path in a JSON value; `counts` names keys allowed as whole-number tallies. */
function forbiddenPaths(value: unknown, path = "$", counts: ReadonlySet<string> = new Set()): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenPaths(item, `${path}[${i}]`, counts));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(FORBIDDEN_KEY.test(key) && !(counts.has(key) && Number.isInteger(child)) ? [`${path}.${key}`] : []),
    ...forbiddenPaths(child, `${path}.${key}`, counts),
  ]);
}

/** The questions a payload shows: every object, at any depth, with a question id. */
function shownQuestions(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(shownQuestions);
  if (value === null || typeof value !== "object") return [];
  const own = "id" in value && typeof value.id === "string" && value.id.startsWith("q_") ? [value] : [];
  return [...own, ...Object.values(value).flatMap(shownQuestions)];
}

const shownIds = (payload: unknown): string[] => shownQuestions(payload).map((q) => q.id as string);

let bank: Question[];
let byId: Map<string, Question>;
/** Bank questions in this file's D1 (the edge copy); the others are only at the origin. */
let edge: Question[];
let originOnly: Question[];
/** The only question of its category in D1, so a random pick is always this one. */
let loner: Question;

/**
 * Asserts a payload has no key that names the answer, and that no question in it shows its
 * explanation or an accepted text answer (unless its own text or choices already say it, as in
 * "France is in Europe."). Returns the ids of the questions shown.
 */
function expectNoAnswerKey(what: string, payload: unknown, counts?: ReadonlySet<string>): string[] {
  expect(forbiddenPaths(payload, "$", counts), what).toEqual([]);
  for (const shown of shownQuestions(payload)) {
    const q = byId.get(shown.id as string);
    if (!q) continue;
    const publicText = [q.text, ...q.choices.map((c) => c.text)].join("\n");
    const text = JSON.stringify(shown);
    if (q.explanation && !publicText.includes(q.explanation)) expect(text, what).not.toContain(q.explanation);
    // As a whole JSON string: a short answer such as "11110" may well occur inside an id.
    const accepted = q.answer.kind === "text" ? q.answer.accepted : [];
    for (const a of accepted) if (!publicText.includes(a)) expect(text, what).not.toContain(JSON.stringify(a));
  }
  return shownIds(payload);
}

/** One learner request through the Worker's handler: a 200 JSON body, from `tier`, scanned. */
async function scan(path: string, tier: string | null, init: RequestInit = {}): Promise<unknown> {
  const res = await viaHandler(path, init);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
  expect(res.headers.get("x-cache"), path).toBe(tier);
  const body = await res.json();
  expectNoAnswerKey(path, body);
  return body;
}

const postBatch = (ids: string[]): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ ids }),
});

const used = new Set<string>();

/** Hands out questions not yet requested in this file, so each starts cold in every cache tier. */
function fresh(from: Question[], count: number, where: (q: Question) => boolean = () => true): Question[] {
  const taken: Question[] = [];
  for (const q of from) {
    if (taken.length === count) break;
    if (!used.has(q.id) && where(q)) taken.push(q);
  }
  for (const q of taken) used.add(q.id);
  expect(taken).toHaveLength(count);
  return taken;
}

beforeAll(async () => {
  bank = await questionBank();
  byId = new Map(bank.map((q) => [q.id, q]));
  edge = bank.slice(0, Math.floor(bank.length / 2));
  originOnly = bank.slice(edge.length);
  loner = bank.at(-1) as Question;
  used.add(loner.id);
  await seedD1(env.DB, [...edge, { ...loner, category: "scan-loner" }]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("learner payloads never carry the answer key", () => {
  it("the scanner catches what it should", () => {
    expect(forbiddenPaths({ a: [{ b: { correctAnswer: 1 } }], is_correct: true, answer: 2 })).toEqual([
      "$.a[0].b.correctAnswer",
      "$.is_correct",
      "$.answer",
    ]);
    expect(forbiddenPaths({ answers: 3, correct: [1] }, "$", new Set(["answers", "correct"]))).toEqual(["$.correct"]);
  });

  // A random pick reads its pool from D1 (memory, then the HTTP cache) and the question through
  // the question cache, whose tier x-cache names; the origin is never its source.
  it("GET /api/questions/random: D1, memory, KV", async () => {
    const path = "/api/questions/random?category=scan-loner";
    resetIsolateCache();
    for (const tier of ["D1", "MEMORY"]) expect(shownIds(await scan(path, tier))).toEqual([loner.id]);
    resetIsolateCache();
    expect(shownIds(await scan(path, "KV"))).toEqual([loner.id]);
  });

  it("GET /api/questions/:id: origin, memory (the fast path), KV, D1, for every question type", async () => {
    for (const type of ["single_choice", "short_answer", "numeric", "true_false", "multiple_choice"] as const) {
      const [cold] = fresh(originOnly, 1, (q) => q.type === type) as [Question];
      const [atEdge] = fresh(edge, 1, (q) => q.type === type) as [Question];
      resetIsolateCache();
      const path = `/api/questions/${cold.id}`;
      const body = (await scan(path, "ORIGIN")) as Record<string, unknown>;
      expect(body.id).toBe(cold.id);
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
      await scan(path, "MEMORY");
      resetIsolateCache();
      await scan(path, "KV");
      expect(shownIds(await scan(`/api/questions/${atEdge.id}`, "D1"))).toEqual([atEdge.id]);
    }
  });

  it("POST /api/questions/batch: origin, memory, KV, D1", async () => {
    const ids = [...fresh(originOnly, 3), ...fresh(edge, 3)].map((q) => q.id);
    resetIsolateCache();
    for (const tier of ["ORIGIN", "MEMORY"])
      expect(shownIds(await scan("/api/questions/batch", tier, postBatch(ids)))).toEqual(ids);
    resetIsolateCache();
    expect(shownIds(await scan("/api/questions/batch", "KV", postBatch(ids)))).toEqual(ids);
    const atEdge = fresh(edge, 3).map((q) => q.id);
    expect(shownIds(await scan("/api/questions/batch", "D1", postBatch(atEdge)))).toEqual(atEdge);
  });

  // Listings, searches and categories are D1 queries: memory, then the data centre's HTTP cache.
  for (const path of [
    "/api/questions?limit=100",
    "/api/questions?category=chemistry&limit=50",
    "/api/questions/search?q=which&category=geography",
    "/api/questions/search?q=what",
    "/api/categories",
  ]) {
    it(`GET ${path}: D1, memory, the HTTP cache`, async () => {
      resetIsolateCache();
      const first = await scan(path, "D1");
      expect(JSON.stringify(first).length).toBeGreaterThan(100);
      await scan(path, "MEMORY");
      resetIsolateCache();
      expect(await scan(path, "CACHE")).toEqual(first);
    });
  }

  // The neighbour list is an origin query, shared through KV.
  it("GET /api/questions/:id/similar: origin, memory, KV", async () => {
    for (const [q] of [fresh(originOnly, 1), fresh(edge, 1)] as [Question][]) {
      const path = `/api/questions/${q.id}/similar?limit=20`;
      resetIsolateCache();
      const first = (await scan(path, "ORIGIN")) as { questions: unknown[] };
      expect(first.questions.length).toBeGreaterThan(0);
      await scan(path, "MEMORY");
      resetIsolateCache();
      expect(await scan(path, "KV")).toEqual(first);
    }
  });

  // The two scans below make hundreds of requests: on a loaded machine they outlast the default timeout.
  it("holds for every bank question, served by the batch route", { timeout: 120_000 }, async () => {
    for (let i = 0; i < bank.length; i += 100) {
      const ids = bank.slice(i, i + 100).map((q) => q.id);
      const res = await viaHandler("/api/questions/batch", postBatch(ids));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-cache")).toMatch(/^(MEMORY|KV|D1|ORIGIN)$/);
      const body = await res.json();
      expect(expectNoAnswerKey(`batch ${i}`, body)).toEqual(ids);
    }
  });

  it("holds for every session route: start (JSON and form), state and the next question before grading", {
    timeout: 120_000,
  }, async () => {
    const asked = new Set<string>();
    const scanSession = (what: string, payload: unknown, questionId: string | null) => {
      const ids = expectNoAnswerKey(what, payload);
      if (questionId === null) return;
      expect(ids, what).toContain(questionId);
      asked.add(questionId);
    };
    const categoryList = await viaHandler("/api/categories");
    expect(categoryList.status).toBe(200);
    const listed = (await categoryList.json()) as { categories: { name: string }[] };
    expectNoAnswerKey("categories", listed);
    const categories = listed.categories
      .map((c) => c.name)
      .filter((name) => !["mathematics", "scan-loner"].includes(name));
    const starts: { headers: Record<string, string>; start: () => Promise<Response> }[] = [
      {
        headers: {},
        start: () =>
          viaHandler("/api/sessions/start", {
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
              viaHandler("/api/sessions/start", {
                method: "POST",
                headers: { ...auth, "content-type": "application/json" },
                body: JSON.stringify({ topic, length: 50, difficulty: 1 + (i % 5) }),
              }),
          };
        }),
      )),
    ];
    for (const { headers, start } of starts) {
      const res = await start();
      expect(res.status).toBe(201);
      const session = (await res.json()) as { id: string; question: { id: string } | null };
      scanSession("start", session, session.question?.id ?? null);
      let current = session.question;
      for (let i = 0; current !== null; i++) {
        const state = await viaHandler(`/api/sessions/${session.id}`, { headers });
        expect(state.status).toBe(200);
        scanSession("state", await state.json(), current.id);
        const q = byId.get(current.id) as Question;
        const answer = await viaHandler(`/api/sessions/${session.id}/answers`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", "idempotency-key": `scan-${i}` },
          body: JSON.stringify({ questionId: q.id, answer: answerTo(q, i % 2 === 0) }),
        });
        expect(answer.status).toBe(200);
        const result = (await answer.json()) as { next: { id: string } | null; explanation: unknown };
        // The key and the explanation are shown here, and only here.
        expect(result).toHaveProperty("correctAnswer");
        expect(result.explanation).toBe(q.explanation);
        scanSession("next", result.next, result.next?.id ?? null);
        current = result.next;
      }
      const finish = await viaHandler(`/api/sessions/${session.id}/finish`, { method: "POST", headers });
      expect(finish.status).toBe(200);
      expect(JSON.stringify(await finish.json())).not.toMatch(/explanation|correctAnswer/);
    }
    expect(new Set([...asked].map((id) => byId.get(id)?.type))).toEqual(
      new Set(["single_choice", "multiple_choice", "true_false", "numeric", "short_answer"]),
    );
  });

  it("holds for a learner's due reviews and figures", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const auth = bearer(await learnerToken(`scan-reviews-${crypto.randomUUID()}`));
    const res = await viaHandler("/api/sessions/start", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ topic: "geography", length: 3 }),
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { id: string; question: { id: string } | null };
    const wrong: string[] = [];
    for (let question = session.question, i = 0; question; i++) {
      const q = byId.get(question.id) as Question;
      wrong.push(q.id);
      const answered = await viaHandler(`/api/sessions/${session.id}/answers`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", "idempotency-key": `wrong-${i}` },
        body: JSON.stringify({ questionId: q.id, answer: answerTo(q, false) }),
      });
      expect(answered.status).toBe(200);
      question = ((await answered.json()) as { next: { id: string } | null }).next;
    }
    expect(wrong).toHaveLength(3);
    // Past the first learning step (a minute), the wrong answers are due.
    vi.setSystemTime(start + 61_000);
    const reviews = (await scan("/api/me/reviews", null, { headers: auth })) as {
      cards: { questionId: string }[];
    };
    expect(reviews.cards.map((c) => c.questionId).sort()).toEqual([...wrong].sort());
    const stats = await viaHandler("/api/me/stats", { headers: auth });
    expect(stats.status).toBe(200);
    const figures = (await stats.json()) as { answers: number; correct: number };
    expect(figures).toMatchObject({ answers: 3, correct: 0 });
    // Tallies named "answers" and "correct" are counts; nothing else may carry those names.
    expectNoAnswerKey("stats", figures, new Set(["answers", "correct"]));
    for (const id of wrong) expect(JSON.stringify(figures)).not.toContain(id);
  });
});
