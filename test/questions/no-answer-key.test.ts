import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { api, postJson } from "../helpers/http.ts";

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
});
