import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GENERATION_KEY } from "../../src/cache/generation.ts";
import { clearIsolateMemory } from "../../src/cache/tiered-cache.ts";
import { openOrigin } from "../../src/origin/client.ts";
import type { PurgeReport } from "../../src/questions/purge-questions.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { kvFailingEnv, originDownEnv } from "../helpers/failures.ts";
import { api, postJson } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";
import { bearer, EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

const editor = bearer(EDITOR_TOKEN);

beforeAll(async () => {
  await seedD1(env.DB, (await questionBank()).slice(0, 50));
});
beforeEach(() => resetIsolateCache());
afterEach(() => vi.useRealTimers());

async function purge(body: unknown, options: { env?: Env } = {}): Promise<PurgeReport> {
  const res = await postJson("/api/admin/cache/purge", body, { headers: editor, env: options.env });
  expect(res.status).toBe(200);
  return (await res.json()) as PurgeReport;
}

/** Writes questions, reads each once (filling every tier), then edits them at the origin behind the cache's back. */
async function cachedThenChangedAtOrigin(count: number, category?: string): Promise<string[]> {
  const deps = writeDeps();
  const { results } = await upsertQuestions(deps, testQuestions(count, { category }));
  await deps.settle();
  const ids = results.map((r) => r.id);
  for (const id of ids) expect((await api(`/api/questions/${id}`)).status).toBe(200);
  const { sql } = openOrigin(env.ORIGIN);
  await sql`UPDATE questions SET text = text || ' (changed)', version = version + 1 WHERE id IN ${sql(ids)}`;
  return ids;
}

async function text(id: string): Promise<{ text: string; source: string | null }> {
  const res = await api(`/api/questions/${id}`);
  return { text: ((await res.json()) as { text: string }).text, source: res.headers.get("x-cache") };
}

describe("POST /api/admin/cache/purge", () => {
  it("needs an editor token", async () => {
    await expectProblem(await postJson("/api/admin/cache/purge", { all: true }), 401);
    const viewer = await postJson("/api/admin/cache/purge", { all: true }, { headers: bearer(VIEWER_TOKEN) });
    await expectProblem(viewer, 403);
  });

  it("accepts exactly one of ids, category or all", async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ["q_1"], all: true }, { category: "" }]) {
      await expectProblem(await postJson("/api/admin/cache/purge", body, { headers: editor }), 422);
    }
  });

  it("purges ids from memory, KV and D1, so the next read has the origin's version", async () => {
    const [id] = (await cachedThenChangedAtOrigin(1)) as [string];
    expect((await text(id)).text).not.toContain("(changed)"); // still cached
    const report = await purge({ ids: [id] });
    expect(report).toMatchObject({ scope: "ids", ids: [id], count: 1 });
    expect(report.kv).toEqual({ keysDeleted: 2, epochBumped: false });
    expect(report.d1).toMatchObject({ refreshed: true, upserted: 1, removed: 0 });
    expect(await env.QUESTIONS_KV.get(`q:0:${id}`)).toBeNull();
    const after = await text(id);
    expect(after.text).toContain("(changed)");
    expect(after.source).toBe("D1"); // refreshed from the origin by the purge
  });

  it("purges a category, as the edge copy and the origin know it", async () => {
    const category = `purge-${crypto.randomUUID().slice(0, 8)}`;
    const ids = await cachedThenChangedAtOrigin(3, category);
    const report = await purge({ category });
    expect(report.scope).toBe("category");
    expect([...report.ids].sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await text(id)).text).toContain("(changed)");
  });

  it("purges everything with a new KV epoch and D1 re-copied from the origin", async () => {
    const [id] = (await cachedThenChangedAtOrigin(1)) as [string];
    const report = await purge({ all: true });
    expect(report.kv.epochBumped).toBe(true);
    expect(report.d1.refreshed).toBe(true);
    expect(report.d1.upserted).toBeGreaterThanOrEqual((await questionBank()).length);
    expect(report.generation).not.toBe("0");
    const after = await text(id);
    expect([after.source, after.text.endsWith("(changed)")]).toEqual(["D1", true]);
    // Old KV entries are unreachable: the next isolate to miss memory reads D1, then the new epoch.
    clearIsolateMemory();
    expect((await text(id)).source).toBe("KV");
  });

  it("still purges the caches when the origin is down, and says D1 was not refreshed", async () => {
    const [id] = (await cachedThenChangedAtOrigin(1)) as [string];
    const report = await purge({ ids: [id] }, { env: originDownEnv() });
    expect(report.d1.refreshed).toBe(false);
    expect(report.d1.error).toMatch(/D1 not refreshed/);
    expect(report.kv.keysDeleted).toBe(2);
    expect((await text(id)).source).toBe("D1");
  });

  it("answers 503 with Retry-After, not 500, when KV is unreachable", async () => {
    const res = await postJson(
      "/api/admin/cache/purge",
      { ids: ["q_0000000000000000"] },
      { headers: editor, env: kvFailingEnv() },
    );
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBe("30");
  });

  it("orphans query results in the HTTP cache (caches.default)", async () => {
    const url = "/api/questions?limit=3";
    expect((await api(url)).headers.get("x-cache")).toBe("D1");
    clearIsolateMemory();
    expect((await api(url)).headers.get("x-cache")).toBe("CACHE");
    await purge({ ids: ["q_0000000000000000"] });
    expect((await api(url)).headers.get("x-cache")).toBe("D1");
  });

  it("reaches other isolates through the generation in KV within a few seconds", async () => {
    const q = (await questionBank())[0];
    vi.useFakeTimers({ toFake: ["Date"] });
    await api(`/api/questions/${q?.id}`);
    expect((await text(q?.id as string)).source).toBe("MEMORY");
    // Another isolate purged: it wrote a new generation.
    await env.QUESTIONS_KV.put(GENERATION_KEY, "from-another-isolate");
    expect((await text(q?.id as string)).source).toBe("MEMORY"); // not looked at yet
    vi.setSystemTime(Date.now() + 3_100);
    expect((await text(q?.id as string)).source).not.toBe("MEMORY");
  });
});

describe("GET /api/admin/cache/stats", () => {
  it("reports this isolate's counters per tier to viewers", async () => {
    const id = (await questionBank())[1]?.id as string;
    await api(`/api/questions/${id}`);
    await api(`/api/questions/${id}`);
    await api("/api/questions/q_unknownforstats0");
    const res = await api("/api/admin/cache/stats", { headers: bearer(VIEWER_TOKEN) });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as {
      scope: string;
      sources: Record<string, { hits: number; misses: number; staleServed: number; errors: number }>;
      originQueries: number;
      negativeHits: number;
      memory: { entries: number; capacity: number; bytes: number; maxBytes: number; negativeEntries: number };
    };
    expect(stats.scope).toBe("isolate");
    expect(Object.keys(stats.sources)).toEqual(["MEMORY", "CACHE", "KV", "D1", "ORIGIN", "REDIS"]);
    expect(stats.sources.MEMORY?.hits).toBe(1);
    expect(stats.sources.D1?.hits).toBe(1);
    expect(stats.sources.ORIGIN?.misses).toBe(1);
    expect(stats.originQueries).toBe(1);
    expect(stats.memory.entries).toBeGreaterThanOrEqual(1);
    expect(stats.memory.negativeEntries).toBeGreaterThanOrEqual(1);
    expect(stats.memory.bytes).toBeGreaterThan(0);
    expect(stats.memory.bytes).toBeLessThanOrEqual(stats.memory.maxBytes);
    await expectProblem(await api("/api/admin/cache/stats"), 401);
  });
});
