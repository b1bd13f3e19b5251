import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheStats } from "../../src/cache/stats.ts";
import { questionCache } from "../../src/questions/read-service.ts";
import { app } from "../../workers/app.ts";
import { answerLeaks, bank, seedD1 } from "../helpers/bank.ts";
import { envWith, FAILING_KV, ORIGIN_DOWN } from "../helpers/broken-env.ts";
import { expectProblem } from "../helpers/problem.ts";

const BASE = "http://quiz.test";
// Half the bank is at the edge (D1); the other half only at the origin.
const atEdge = bank.filter((_, i) => i % 2 === 0);
const originOnly = bank.filter((_, i) => i % 2 === 1);

async function get(path: string, init?: RequestInit) {
  return SELF.fetch(`${BASE}${path}`, init);
}

async function okJson(res: Response): Promise<unknown> {
  expect(res.status, res.url).toBe(200);
  return res.json();
}

async function fetchWith(overrides: Partial<Env>, path: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`), envWith(overrides), ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

beforeAll(async () => {
  await seedD1(atEdge);
});

describe("GET /api/questions/:id through the tiers", () => {
  it("serves from D1, then memory, then KV once memory is gone", async () => {
    const q = atEdge[0];
    if (!q) throw new Error("empty bank");
    const first = await get(`/api/questions/${q.id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("D1");
    expect(first.headers.get("server-timing")).toMatch(/mem;dur=[\d.]+, kv;dur=[\d.]+, d1;dur=[\d.]+/);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: q.id, text: q.text, category: q.category });

    const second = await get(`/api/questions/${q.id}`);
    expect(second.headers.get("x-cache")).toBe("MEMORY");

    questionCache.forget([q.id]);
    // The KV refill runs in waitUntil after the first response; give it a moment.
    let third = await get(`/api/questions/${q.id}`);
    for (let i = 0; i < 20 && third.headers.get("x-cache") !== "KV"; i++) {
      questionCache.forget([q.id]);
      await new Promise((r) => setTimeout(r, 50));
      third = await get(`/api/questions/${q.id}`);
    }
    expect(third.headers.get("x-cache")).toBe("KV");
  });

  it("reaches the origin only for what the edge lacks, then refills D1", async () => {
    const q = originOnly[0];
    if (!q) throw new Error("empty bank");
    const before = cacheStats.originQueries;
    const res = await get(`/api/questions/${q.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("ORIGIN");
    expect(cacheStats.originQueries).toBe(before + 1);
    let row: unknown = null;
    for (let i = 0; i < 40 && !row; i++) {
      row = await env.DB.prepare("SELECT id FROM questions WHERE id = ?").bind(q.id).first();
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toEqual({ id: q.id });
  });

  it("answers 304 to a matching If-None-Match, with a strong ETag", async () => {
    const q = atEdge[1];
    const res = await get(`/api/questions/${q?.id}`);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=86400");
    const again = await get(`/api/questions/${q?.id}`, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("404s an unknown id and remembers that, so a scan does not reach the origin twice", async () => {
    const before = cacheStats.originQueries;
    await expectProblem(await get("/api/questions/q_doesnotexist01"), 404);
    await expectProblem(await get("/api/questions/q_doesnotexist01"), 404);
    expect(cacheStats.originQueries).toBe(before + 1);
  });

  it("coalesces concurrent misses for one id into one origin query", async () => {
    const q = originOnly[1];
    const before = cacheStats.originQueries;
    const responses = await Promise.all(Array.from({ length: 25 }, () => get(`/api/questions/${q?.id}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(200));
    expect(cacheStats.originQueries).toBe(before + 1);
    expect(cacheStats.coalesced).toBeGreaterThanOrEqual(24);
  });

  it("400s a malformed id", async () => {
    await expectProblem(await get("/api/questions/bad%20id!"), 400);
  });
});

describe("failures", () => {
  it("serves cached questions with the origin down and 503s uncached ones with Retry-After", async () => {
    const cached = atEdge[2];
    const served = await fetchWith({ ORIGIN: ORIGIN_DOWN }, `/api/questions/${cached?.id}`);
    expect(served.status).toBe(200);
    const uncached = originOnly[5];
    const res = await fetchWith({ ORIGIN: ORIGIN_DOWN }, `/api/questions/${uncached?.id}`);
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBe("30");
  });

  it("serves a stale copy when the origin fails (stale-if-error)", async () => {
    const q = originOnly[6];
    expect((await get(`/api/questions/${q?.id}`)).status).toBe(200);
    // Age the memory copy past its stale window, and keep D1 and KV from answering.
    const stored = questionCache as unknown as { getMany: unknown };
    expect(stored).toBeDefined();
    await env.DB.prepare("DELETE FROM questions WHERE id = ?").bind(q?.id).run();
    const realNow = Date.now;
    Date.now = () => realNow() + 3 * 24 * 3600 * 1000;
    try {
      const res = await fetchWith({ ORIGIN: ORIGIN_DOWN, QUESTIONS_KV: FAILING_KV }, `/api/questions/${q?.id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(q?.id);
    } finally {
      Date.now = realNow;
    }
  });

  it("falls through to D1 when KV fails", async () => {
    const q = atEdge[3];
    const res = await fetchWith({ QUESTIONS_KV: FAILING_KV }, `/api/questions/${q?.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("D1");
    expect(cacheStats.tiers.KV.errors).toBeGreaterThan(0);
  });
});

describe("POST /api/questions/batch", () => {
  it("keeps the request order and reports ids not found", async () => {
    const ids = [atEdge[10]?.id, "q_missing00000000", originOnly[10]?.id, atEdge[11]?.id] as string[];
    const res = await get("/api/questions/batch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { questions: { id: string }[]; notFound: string[] };
    expect(body.questions.map((q) => q.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect(body.notFound).toEqual(["q_missing00000000"]);
  });

  it("400s more than 100 ids, 422s malformed ids and 400s malformed JSON", async () => {
    const post = (body: string) =>
      get("/api/questions/batch", { method: "POST", headers: { "content-type": "application/json" }, body });
    const tooMany = await expectProblem(await post(JSON.stringify({ ids: bank.slice(0, 101).map((q) => q.id) })), 400);
    expect(tooMany.detail).toContain("100");
    const bad = await expectProblem(await post(JSON.stringify({ ids: [42] })), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ path: "ids.0" })]);
    await expectProblem(await post("{not json"), 400);
  });
});

describe("lists, search, random and similar", () => {
  it("pages through a category with keyset cursors, without repeats", async () => {
    const expected = atEdge
      .filter((q) => q.category === "chemistry")
      .map((q) => q.id)
      .sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/questions?category=chemistry&limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { questions: { id: string; category: string }[]; nextCursor: string | null };
      expect(page.questions.length).toBeLessThanOrEqual(7);
      for (const q of page.questions) expect(q.category).toBe("chemistry");
      seen.push(...page.questions.map((q) => q.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("searches the edge copy with filters", async () => {
    const res = await get("/api/questions/search?q=capital%20of&category=geography");
    expect(res.status).toBe(200);
    const { questions } = (await res.json()) as { questions: { text: string; category: string }[] };
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(q.category).toBe("geography");
      expect(q.text.toLowerCase()).toContain("capital");
    }
    await expectProblem(await get("/api/questions/search?q=%22%3A*"), 400);
  });

  it("picks a random question matching the filters, 404 when none does", async () => {
    const res = await get("/api/questions/random?category=music&difficulty=2");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ category: "music", difficulty: 2 });
    await expectProblem(await get("/api/questions/random?category=nothing-here"), 404);
    await expectProblem(await get("/api/questions/random?difficulty=9"), 400);
  });

  it("finds similar questions on the origin and caches them at the edge", async () => {
    const q = bank.find((x) => x.text.startsWith("What is the capital of"));
    const first = await get(`/api/questions/${q?.id}/similar?limit=3`);
    expect(first.status).toBe(200);
    const { questions } = (await first.json()) as { questions: { id: string; category: string }[] };
    expect(questions).toHaveLength(3);
    expect(questions.every((s) => s.category === q?.category && s.id !== q?.id)).toBe(true);
    const second = await get(`/api/questions/${q?.id}/similar?limit=3`);
    expect(second.headers.get("x-cache")).toBe("MEMORY");
    await expectProblem(await get("/api/questions/q_nope000000000000/similar"), 404);
  });
});

describe("learner payloads never carry the answer key", () => {
  it("holds for every read endpoint", async () => {
    const ids = bank.slice(0, 30).map((q) => q.id);
    const payloads = await Promise.all([
      get(`/api/questions/${ids[0]}`).then(okJson),
      get(`/api/questions/${ids[1]}`).then(okJson),
      get("/api/questions/random").then(okJson),
      get("/api/questions?limit=50").then(okJson),
      get("/api/questions/search?q=planet").then(okJson),
      get(`/api/questions/${ids[0]}/similar`).then(okJson),
      get("/api/questions/batch", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ids }),
      }).then(okJson),
    ]);
    for (const payload of payloads) expect(answerLeaks(payload)).toEqual([]);
    // The check itself can fail: a full question leaks.
    expect(answerLeaks({ questions: [bank[0]] }).length).toBeGreaterThan(0);
  });
});
