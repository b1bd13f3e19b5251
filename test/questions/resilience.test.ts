import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { cacheStats } from "../../src/cache/stats.ts";
import { clearIsolateMemory } from "../../src/cache/tiered-cache.ts";
import { deleteD1Questions } from "../../src/questions/d1-store.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { countedOrigin, originQueries, resetIsolateCache } from "../helpers/cache.ts";
import { failingD1, kvFailingEnv, originDownEnv, withEnv } from "../helpers/failures.ts";
import { api, postJson } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";

let bank: Question[];
let edge: Question[];
let originOnly: Question[];
let next = 0;
const cold = () => originOnly[next++] as Question;

beforeAll(async () => {
  bank = await questionBank();
  edge = await seedD1(env.DB, bank.slice(0, 100));
  originOnly = bank.slice(100);
});

beforeEach(() => resetIsolateCache());
afterEach(() => vi.useRealTimers());

/** Leaves a question cached in isolate memory only (KV and D1 copies removed). */
async function cacheInMemoryOnly(q: Question): Promise<void> {
  expect((await api(`/api/questions/${q.id}`)).status).toBe(200);
  await env.QUESTIONS_KV.delete(`q:0:${q.id}`);
  await deleteD1Questions(env.DB, [q.id]);
}

describe("origin down", () => {
  it("still serves cached questions, stale ones included, and never a 500", async () => {
    const q = cold();
    await cacheInMemoryOnly(q);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3 * 86_400_000);
    for (let i = 0; i < 2; i++) {
      const res = await api(`/api/questions/${q.id}`, { env: originDownEnv() });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-cache")).toBe("MEMORY");
      expect(res.headers.get("x-cache-state")).toBe("stale");
      expect(((await res.json()) as { id: string }).id).toBe(q.id);
    }
    expect(cacheStats().sources.ORIGIN.errors).toBeGreaterThan(0);
  });

  it("ends stale-if-error after 7 days: served just before, 503 just after", async () => {
    const q = cold();
    await cacheInMemoryOnly(q);
    const cachedAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(cachedAt + 7 * 86_400_000 - 60_000);
    const before = await api(`/api/questions/${q.id}`, { env: originDownEnv() });
    expect([before.status, before.headers.get("x-cache-state")]).toEqual([200, "stale"]);
    vi.setSystemTime(cachedAt + 7 * 86_400_000 + 60_000);
    const after = await api(`/api/questions/${q.id}`, { env: originDownEnv() });
    await expectProblem(after, 503);
    expect(after.headers.get("retry-after")).toBe("30");
  });

  it("serves from KV and D1 without the origin", async () => {
    const inKv = cold();
    await api(`/api/questions/${inKv.id}`);
    clearIsolateMemory();
    await deleteD1Questions(env.DB, [inKv.id]);
    const fromKv = await api(`/api/questions/${inKv.id}`, { env: originDownEnv() });
    expect([fromKv.status, fromKv.headers.get("x-cache")]).toEqual([200, "KV"]);

    const fromD1 = await api(`/api/questions/${(edge[0] as Question).id}`, { env: originDownEnv() });
    expect([fromD1.status, fromD1.headers.get("x-cache")]).toEqual([200, "D1"]);
  });

  it("answers 503 problem+json with Retry-After for a question cached nowhere", async () => {
    const res = await api(`/api/questions/${cold().id}`, { env: originDownEnv() });
    const body = await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(body.detail).toContain("origin");
  });

  it("returns the cached part of a batch and lists the rest as unavailable", async () => {
    const cached = edge[1] as Question;
    const uncached = cold();
    const res = await postJson("/api/questions/batch", { ids: [uncached.id, cached.id] }, { env: originDownEnv() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { questions: { id: string }[]; unavailable: string[]; notFound: string[] };
    expect(body.questions.map((q) => q.id)).toEqual([cached.id]);
    expect(body.unavailable).toEqual([uncached.id]);
    expect(body.notFound).toEqual([]);
    await expectProblem(await postJson("/api/questions/batch", { ids: [cold().id] }, { env: originDownEnv() }), 503);
  });

  it("keeps listing, search and random picks working (they read the edge copy)", async () => {
    const down = originDownEnv();
    expect((await api("/api/questions?limit=5", { env: down })).status).toBe(200);
    expect((await api("/api/questions/random", { env: down })).status).toBe(200);
    expect((await api("/api/questions/search?q=what", { env: down })).status).toBe(200);
  });

  it("answers 503 for similar questions not cached yet, and serves them once cached", async () => {
    const q = edge[2] as Question;
    await expectProblem(await api(`/api/questions/${q.id}/similar`, { env: originDownEnv() }), 503);
    expect((await api(`/api/questions/${q.id}/similar`)).status).toBe(200);
    const cached = await api(`/api/questions/${q.id}/similar`, { env: originDownEnv() });
    expect(cached.status).toBe(200);
    expect(cached.headers.get("x-cache")).toBe("MEMORY");
  });
});

describe("KV failing", () => {
  it("falls through to D1, and to the origin past that", async () => {
    const inD1 = edge[3] as Question;
    const res = await api(`/api/questions/${inD1.id}`, { env: kvFailingEnv() });
    expect([res.status, res.headers.get("x-cache")]).toEqual([200, "D1"]);
    const atOrigin = await api(`/api/questions/${cold().id}`, { env: kvFailingEnv() });
    expect([atOrigin.status, atOrigin.headers.get("x-cache")]).toEqual([200, "ORIGIN"]);
    expect(cacheStats().sources.KV.errors).toBeGreaterThan(0);
  });

  it("still answers batches", async () => {
    const ids = edge.slice(10, 15).map((q) => q.id);
    const res = await postJson("/api/questions/batch", { ids }, { env: kvFailingEnv() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { questions: { id: string }[] }).questions.map((q) => q.id)).toEqual(ids);
  });
});

describe("D1 failing", () => {
  it("falls through to the origin", async () => {
    const q = edge[4] as Question;
    // Earlier reads (similar questions) may have put it in KV, which would answer before D1.
    await env.QUESTIONS_KV.delete(`q:0:${q.id}`);
    const res = await api(`/api/questions/${q.id}`, { env: withEnv({ DB: failingD1() }) });
    expect([res.status, res.headers.get("x-cache")]).toEqual([200, "ORIGIN"]);
    expect(cacheStats().sources.D1.errors).toBeGreaterThan(0);
  });

  it("answers listings with 503 when nothing is cached", async () => {
    const res = await api("/api/questions?category=music&limit=7", { env: withEnv({ DB: failingD1() }) });
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBeTruthy();
  });
});

describe("request coalescing", () => {
  it("makes one origin query for 200 concurrent requests for one cold id, counted at the origin", async () => {
    const q = cold();
    const origin = countedOrigin();
    await origin.reset();
    const counted = withEnv({ ORIGIN: origin.binding });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => api(`/api/questions/${q.id}`, { env: counted })),
    );
    const statuses = responses.map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ id: string }>));
    expect(bodies.every((b) => b.id === q.id)).toBe(true);
    expect(await origin.statements()).toBe(1);
    expect(originQueries()).toBe(1);
    expect(cacheStats().coalesced).toBeGreaterThan(0);
  });

  it("makes one origin query for concurrent batches sharing ids, counted at the origin", async () => {
    const ids = [cold().id, cold().id, cold().id];
    const origin = countedOrigin();
    await origin.reset();
    const counted = withEnv({ ORIGIN: origin.binding });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson("/api/questions/batch", { ids }, { env: counted })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await origin.statements()).toBe(1);
    expect(originQueries()).toBe(1);
  });
});
