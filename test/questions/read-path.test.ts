import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { cacheStats } from "../../src/cache/stats.ts";
import { clearIsolateMemory } from "../../src/cache/tiered-cache.ts";
import { deleteD1Questions, readD1Questions } from "../../src/questions/d1-store.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { originQueries, resetIsolateCache } from "../helpers/cache.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";

let bank: Question[];
/** In D1 (seeded); the rest of the bank is only at the origin. */
let edge: Question[];
let originOnly: Question[];

beforeAll(async () => {
  bank = await questionBank();
  edge = await seedD1(env.DB, bank.slice(0, 200));
  originOnly = bank.slice(200);
});

beforeEach(() => resetIsolateCache());
afterEach(() => vi.useRealTimers());

/** Takes a different origin-only question per test, so earlier tests' refills do not interfere. */
let nextOriginOnly = 0;
function coldQuestion(): Question {
  return originOnly[nextOriginOnly++] as Question;
}

async function getQuestion(id: string, headers: Record<string, string> = {}) {
  const res = await api(`/api/questions/${id}`, { headers });
  return { res, source: res.headers.get("x-cache"), etag: res.headers.get("etag") };
}

describe("GET /api/questions/:id through the tiers", () => {
  it("loads a cold question from the origin and refills D1, KV and memory", async () => {
    const q = coldQuestion();
    const first = await getQuestion(q.id);
    expect(first.res.status).toBe(200);
    expect(first.source).toBe("ORIGIN");
    expect(first.res.headers.get("server-timing")).toMatch(/origin;dur=[\d.]+/);
    expect((await first.res.json()) as { id: string }).toMatchObject({ id: q.id, text: q.text });
    expect(originQueries()).toBe(1);

    expect((await readD1Questions(env.DB, [q.id])).has(q.id)).toBe(true);
    expect(await env.QUESTIONS_KV.get(`q:0:${q.id}`, "json")).toMatchObject({ v: { id: q.id } });

    expect((await getQuestion(q.id)).source).toBe("MEMORY");
    clearIsolateMemory();
    expect((await getQuestion(q.id)).source).toBe("KV");
    clearIsolateMemory();
    await env.QUESTIONS_KV.delete(`q:0:${q.id}`);
    expect((await getQuestion(q.id)).source).toBe("D1");
    expect(originQueries()).toBe(1);
  });

  it("serves a D1 question without the origin and fills KV and memory", async () => {
    const q = edge[0] as Question;
    expect((await getQuestion(q.id)).source).toBe("D1");
    expect((await getQuestion(q.id)).source).toBe("MEMORY");
    clearIsolateMemory();
    expect((await getQuestion(q.id)).source).toBe("KV");
    expect(originQueries()).toBe(0);
  });

  it("reports time per tier in Server-Timing", async () => {
    const q = edge[1] as Question;
    const timing = (await getQuestion(q.id)).res.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/kv;dur=[\d.]+/);
    expect(timing).toMatch(/d1;dur=[\d.]+/);
    expect(timing).toMatch(/total;dur=[\d.]+/);
    expect(timing).not.toMatch(/origin/);
  });

  it("sends a strong ETag and Cache-Control, the same from every tier, and 304 on If-None-Match", async () => {
    const q = coldQuestion();
    const fromOrigin = await getQuestion(q.id);
    expect(fromOrigin.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(fromOrigin.res.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=86400");
    const fromMemory = await getQuestion(q.id);
    clearIsolateMemory();
    const fromKv = await getQuestion(q.id);
    expect([fromMemory.source, fromKv.source]).toEqual(["MEMORY", "KV"]);
    expect(new Set([fromOrigin.etag, fromMemory.etag, fromKv.etag]).size).toBe(1);

    const conditional = await getQuestion(q.id, { "if-none-match": fromOrigin.etag as string });
    expect(conditional.res.status).toBe(304);
    expect(conditional.etag).toBe(fromOrigin.etag);
    expect(await conditional.res.text()).toBe("");
    const other = await getQuestion(q.id, { "if-none-match": '"0000"' });
    expect(other.res.status).toBe(200);
  });

  it("answers 404 problem+json for an unknown id and 400 for a malformed one", async () => {
    const body = await expectProblem((await getQuestion("q_0000000000000000")).res, 404);
    expect(body.detail).toContain("q_0000000000000000");
    await expectProblem((await getQuestion("not%20an%20id")).res, 400);
  });

  it("remembers unknown ids, so a scan of random ids reaches the origin once per id", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `q_unknown${i.toString().padStart(7, "0")}`);
    for (const id of ids) expect((await getQuestion(id)).res.status).toBe(404);
    expect(originQueries()).toBe(ids.length);
    for (const id of ids) {
      const again = await getQuestion(id);
      expect(again.res.status).toBe(404);
      expect(again.source).toBe("MEMORY");
    }
    expect(cacheStats().negativeHits).toBe(ids.length);
    // They stay in isolate memory: a KV write per made-up id would let a client spend the
    // namespace's writes (issue 13, API4).
    for (const id of ids) expect(await env.QUESTIONS_KV.get(`q:0:${id}`)).toBeNull();
  });

  it("serves a stale question at once and refreshes it in the background", async () => {
    const q = edge[2] as Question;
    vi.useFakeTimers({ toFake: ["Date"] });
    await getQuestion(q.id);
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const stale = await getQuestion(q.id);
    expect(stale.res.status).toBe(200);
    expect(stale.source).toBe("MEMORY");
    expect(stale.res.headers.get("x-cache-state")).toBe("stale");
    expect(cacheStats().revalidations).toBe(1);
    const refreshed = await getQuestion(q.id);
    expect(refreshed.source).toBe("MEMORY");
    expect(refreshed.res.headers.get("x-cache-state")).toBeNull();
    expect(originQueries()).toBe(0);
  });

  it("refetches from the origin when the edge copy loses a question", async () => {
    const q = edge[3] as Question;
    await deleteD1Questions(env.DB, [q.id]);
    expect((await getQuestion(q.id)).source).toBe("ORIGIN");
    expect((await readD1Questions(env.DB, [q.id])).has(q.id)).toBe(true);
  });
});
