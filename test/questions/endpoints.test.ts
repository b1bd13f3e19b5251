import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PublicQuestion, Question } from "../../schemas/question.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { originQueries, resetIsolateCache } from "../helpers/cache.ts";
import { api, postJson } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";

let bank: Question[];

beforeAll(async () => {
  bank = await questionBank();
  await seedD1(env.DB, bank);
});

beforeEach(() => resetIsolateCache());

const active = () => bank.filter((q) => q.status === "active");

describe("POST /api/questions/batch", () => {
  it("answers in request order and reports unknown ids", async () => {
    const ids = [bank[5]?.id, "q_doesnotexist0000", bank[1]?.id, bank[300]?.id] as string[];
    const res = await postJson("/api/questions/batch", { ids });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { questions: PublicQuestion[]; notFound: string[]; unavailable: string[] };
    expect(body.questions.map((q) => q.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect(body.notFound).toEqual(["q_doesnotexist0000"]);
    expect(body.unavailable).toEqual([]);
    expect(res.headers.get("x-cache")).toBe("ORIGIN"); // the unknown id was asked of the origin
    const again = await postJson("/api/questions/batch", { ids });
    expect(again.headers.get("x-cache")).toBe("MEMORY");
    expect(originQueries()).toBe(1);
  });

  it("takes 100 ids with one query per tier", async () => {
    const ids = bank.slice(0, 100).map((q) => q.id);
    const res = await postJson("/api/questions/batch", { ids });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { questions: unknown[] }).questions).toHaveLength(100);
    expect(originQueries()).toBe(0);
  });

  it("refuses more than 100 ids with 400, and a malformed body with 422", async () => {
    const ids = bank.slice(0, 101).map((q) => q.id);
    const body = await expectProblem(await postJson("/api/questions/batch", { ids }), 400);
    expect(body.detail).toContain("100");
    await expectProblem(await postJson("/api/questions/batch", { ids: [] }), 422);
    await expectProblem(await postJson("/api/questions/batch", { ids: ["bad id"] }), 422);
    await expectProblem(await postJson("/api/questions/batch", { nope: 1 }), 422);
  });
});

describe("GET /api/questions/random", () => {
  it("picks matching questions, different ones over many calls", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await api("/api/questions/random?category=geography&difficulty=2");
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const q = (await res.json()) as PublicQuestion;
      expect(q.category).toBe("geography");
      expect(q.difficulty).toBe(2);
      seen.add(q.id);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it("honours bloom_level and answers 404 problem+json when nothing matches", async () => {
    const res = await api("/api/questions/random?bloom_level=remember");
    expect(((await res.json()) as PublicQuestion).bloomLevel).toBe("remember");
    await expectProblem(await api("/api/questions/random?category=no-such-category"), 404);
    await expectProblem(await api("/api/questions/random?difficulty=9"), 400);
    await expectProblem(await api("/api/questions/random?bloom_level=guess"), 400);
  });
});

describe("GET /api/questions (keyset pagination)", () => {
  it("walks a category page by page without gaps or repeats", async () => {
    const expected = active()
      .filter((q) => q.category === "music")
      .map((q) => q.id)
      .sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/questions?category=music&limit=7${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await api(query);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { questions: PublicQuestion[]; nextCursor: string | null };
      expect(page.questions.length).toBeLessThanOrEqual(7);
      seen.push(...page.questions.map((q) => q.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("combines filters, caches pages and honours If-None-Match", async () => {
    const url = "/api/questions?category=mathematics&difficulty=1&bloom_level=apply&limit=5";
    const first = await api(url);
    expect(first.headers.get("x-cache")).toBe("D1");
    const page = (await first.json()) as { questions: PublicQuestion[] };
    for (const q of page.questions)
      expect([q.category, q.difficulty, q.bloomLevel]).toEqual(["mathematics", 1, "apply"]);
    const second = await api(url, { headers: { "if-none-match": first.headers.get("etag") as string } });
    expect(second.status).toBe(304);
    expect(second.headers.get("x-cache")).toBe("MEMORY");
  });

  it("refuses a forged cursor and out-of-range limits", async () => {
    await expectProblem(await api("/api/questions?cursor=%%%"), 400);
    await expectProblem(await api(`/api/questions?cursor=${btoa("bad id!")}`), 400);
    await expectProblem(await api("/api/questions?limit=0"), 400);
    await expectProblem(await api("/api/questions?limit=101"), 400);
  });
});

describe("GET /api/questions/search", () => {
  it("finds questions by words of their text, stemmed, best match first", async () => {
    const target = active().find((q) => q.category === "geography" && /capital/i.test(q.text)) as Question;
    const res = await api(`/api/questions/search?q=${encodeURIComponent("capitals")}`);
    expect(res.status).toBe(200);
    const { questions } = (await res.json()) as { questions: PublicQuestion[] };
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) expect(q.text.toLowerCase()).toMatch(/capital/);
    expect(questions.some((q) => q.category === target.category)).toBe(true);
  });

  it("requires every word, matches the last as a prefix, and applies the filters", async () => {
    const res = await api("/api/questions/search?q=semiton&category=music&difficulty=4");
    const { questions } = (await res.json()) as { questions: PublicQuestion[] };
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(q.category).toBe("music");
      expect(q.difficulty).toBe(4);
      expect(q.text.toLowerCase()).toContain("semitone");
    }
    const none = await api("/api/questions/search?q=semitones+xylophonic");
    expect(((await none.json()) as { questions: unknown[] }).questions).toEqual([]);
  });

  it("treats FTS syntax in the query as plain words and refuses a query with no words", async () => {
    for (const q of ['"unbalanced', "text:capital OR NOT", "NEAR(a b)", "*", "capital)"]) {
      const res = await api(`/api/questions/search?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(res.status);
    }
    await expectProblem(await api("/api/questions/search?q=%22%22%2A"), 400);
    await expectProblem(await api("/api/questions/search"), 400);
  });

  it("does not search answer keys or explanations", async () => {
    // Explanations state the answer; find a word only an explanation holds and search for it.
    const publicText = active()
      .map((q) => [q.text, ...q.choices.map((c) => c.text), ...q.tags].join(" "))
      .join(" ")
      .toLowerCase();
    const hidden = active()
      .flatMap((q) => (q.explanation?.toLowerCase().match(/[a-z]{6,}/g) ?? []).map((word) => ({ q, word })))
      .find(({ word }) => !publicText.includes(word.slice(0, 5)));
    expect(hidden).toBeDefined();
    const { q, word } = hidden as { q: Question; word: string };
    const res = await api(`/api/questions/search?q=${word}`);
    const { questions } = (await res.json()) as { questions: PublicQuestion[] };
    expect(questions.map((found) => found.id)).not.toContain(q.id);
    expect(questions).toEqual([]);
  });
});

describe("GET /api/questions/:id/similar", () => {
  it("ranks same-category questions by shared words, computed once at the origin", async () => {
    const source = active().find((q) => /semitones span a perfect fifth/.test(q.text)) as Question;
    const res = await api(`/api/questions/${source.id}/similar?limit=5`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("ORIGIN");
    const { questions } = (await res.json()) as { questions: PublicQuestion[] };
    expect(questions).toHaveLength(5);
    expect(questions.map((q) => q.id)).not.toContain(source.id);
    for (const q of questions) expect(q.category).toBe(source.category);
    expect(questions[0]?.text).toMatch(/semitones span/);

    const again = await api(`/api/questions/${source.id}/similar?limit=3`);
    expect(again.headers.get("x-cache")).toBe("MEMORY");
    const fewer = (await again.json()) as { questions: PublicQuestion[] };
    expect(fewer.questions.map((q) => q.id)).toEqual(questions.slice(0, 3).map((q) => q.id));
    expect(originQueries()).toBe(1);
  });

  it("answers 404 for an unknown id without computing anything", async () => {
    await expectProblem(await api("/api/questions/q_nosuchquestion00/similar"), 404);
    await expectProblem(await api("/api/questions/q_nosuchquestion00/similar"), 404);
    expect(originQueries()).toBe(1);
    await expectProblem(await api(`/api/questions/${bank[0]?.id}/similar?limit=50`), 400);
  });
});
