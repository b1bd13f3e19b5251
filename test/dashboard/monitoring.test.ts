import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import { guardedAttempt, guardKeys } from "../../src/auth/sign-in-guard.ts";
import { cacheStats } from "../../src/cache/stats.ts";
import { hitRate, loadMonitoring, type MonitoringData } from "../../src/dashboard/monitoring.ts";
import { MonitoringPanel } from "../../src/dashboard/monitoring-panel.tsx";
import { openOrigin } from "../../src/origin/client.ts";

const counters = (hits: number, misses: number) => ({ hits, misses, staleServed: 1, errors: 0 });

function cache(): MonitoringData["cache"] {
  const stats = cacheStats();
  return {
    state: "ok",
    data: {
      ...stats,
      since: "2026-11-23T00:00:00.000Z",
      sources: { ...stats.sources, MEMORY: counters(90, 10), CACHE: counters(0, 0), KV: counters(6, 4) },
      originQueries: 7,
      coalesced: 2,
      negativeHits: 1,
      memory: { entries: 12, capacity: 5000, bytes: 48_000, maxBytes: 32 * 1024 * 1024, negativeEntries: 0 },
    },
  };
}

const failed = (detail: string) => ({ state: "failed", detail }) as const;

function data(overrides: Partial<MonitoringData> = {}): MonitoringData {
  return {
    cache: cache(),
    runs: { state: "ok", data: [] },
    health: { state: "ok", data: { questions: 0, answers: 0, flagged: 0 } },
    answerDeadLetters: { state: "ok", data: { total: 0, pending: 0 } },
    synthetic: { state: "ok", data: [] },
    signIns: { state: "ok", data: { failures: 0, locks: 0, since: null } },
    config: { revision: 4, source: "kv" },
    ...overrides,
  };
}

async function render(panel: MonitoringData): Promise<string> {
  return String(await MonitoringPanel({ data: panel, role: "editor", csrf: "t" }));
}

describe("the monitoring panel", () => {
  it("shows hit rates per tier and origin queries from the cache counters", async () => {
    const html = await render(data());
    expect(html).toContain('<th scope="row">MEMORY</th><td class="num">90.0 %</td>');
    expect(html).toContain('<th scope="row">CACHE</th><td class="num">–</td>');
    expect(html).toContain("<dt>Origin queries</dt><dd>7</dd>");
    expect(html).toContain("12 of 5000");
    expect(html).toContain("Config revision <strong>4</strong>");
    expect(html).toContain("No scraper run yet.");
  });

  it("lists scraper runs with their counts and dead letters", async () => {
    const run = {
      id: "run_1",
      status: "completed",
      trigger: "schedule",
      createdAt: "2026-11-23T06:00:00.000Z",
      finishedAt: "2026-11-23T06:01:00.000Z",
      totals: { fetched: 50, accepted: 48, rejected: 2, errors: [] },
      deadLetters: [{}],
    } as unknown as ScrapeRun;
    const html = await render(data({ runs: { state: "ok", data: [run] } }));
    expect(html).toContain('<td class="mono">run_1</td><td>completed</td><td>schedule</td>');
    expect(html).toContain("fetched 50, accepted 48, rejected 2");
    expect(html).toContain('<td class="num">1</td>');
  });

  it("shows the synthetic journey's runs: result and each step's latency", async () => {
    const step = (name: string, ms: number, ok = true) => ({ name, ok, ms, status: ok ? 200 : 503, detail: null });
    const runs = [
      {
        id: "syn_2",
        trigger: "schedule",
        startedAt: "2026-12-01T10:05:00.000Z",
        ok: false,
        failedStep: "start_quiz",
        error: "start: 503",
        durationMs: 40,
        steps: [step("topics", 3), step("sign_in", 5), step("start_quiz", 30, false)],
      },
      {
        id: "syn_1",
        trigger: "schedule",
        startedAt: "2026-12-01T10:00:00.000Z",
        ok: true,
        failedStep: null,
        error: null,
        durationMs: 61,
        steps: [step("topics", 3), step("sign_in", 5), step("start_quiz", 20)],
      },
    ] as SyntheticRun[];
    const html = await render(data({ synthetic: { state: "ok", data: runs } }));
    expect(html).toContain("failed at start_quiz: start: 503");
    expect(html).toContain("topics 3 · sign_in 5 · start_quiz ✗ 30");
    expect(html).toMatch(/<td>2026-12-01T10:00:00.000Z<\/td><td>ok<\/td>/);
  });

  it("shows a figure that could not be read without breaking the others, escaped", async () => {
    const html = await render(data({ runs: failed("D1 is down <b>"), cache: failed("no") }));
    expect(html).toContain("Scraper run status could not be read (D1 is down &lt;b&gt;).");
    expect(html).toContain("Cache stats could not be read (no).");
    expect(html).toContain("<dt>Flagged questions</dt><dd>0</dd>");
  });

  it("shows the flagged question count, the answer stream's dead letters and failed sign-ins", async () => {
    const html = await render(
      data({
        health: { state: "ok", data: { questions: 120, answers: 4800, flagged: 3 } },
        answerDeadLetters: { state: "ok", data: { total: 2, pending: 1 } },
        signIns: { state: "ok", data: { failures: 9, locks: 2, since: "2026-12-01T09:00:00.000Z" } },
      }),
    );
    expect(html).toContain("<dt>Flagged questions</dt><dd>3</dd>");
    expect(html).toContain("<dt>Answers at the origin</dt><dd>4800</dd>");
    expect(html).toContain("<dt>Answer dead letters</dt><dd>2 (1 not replayed)</dd>");
    expect(html).toContain("9 since 2026-12-01T09:00:00.000Z");
    expect(html).toContain("<dt>Lockouts</dt><dd>2</dd>");
  });

  it("computes hit rates only once there were lookups", () => {
    expect(hitRate({ hits: 3, misses: 1 })).toBe(75);
    expect(hitRate({ hits: 0, misses: 0 })).toBeNull();
  });
});

describe("loading the panel from the services", () => {
  it("reads every figure from its module, and one failing source leaves the others", async () => {
    const keys = guardKeys("192.0.2.77");
    for (let i = 0; i < 5; i++) await guardedAttempt(env.SIGN_IN_GUARD, keys, async () => null);
    const config = { revision: 1, source: "kv" };
    const loaded = await loadMonitoring({ env, origin: () => openOrigin(env.ORIGIN) }, config);
    expect(loaded).toMatchObject({
      runs: { state: "ok", data: [] },
      answerDeadLetters: { state: "ok", data: { total: 0, pending: 0 } },
      synthetic: { state: "ok", data: [] },
      signIns: { state: "ok", data: { failures: 5, locks: 1 } },
      health: { state: "ok" },
      cache: { state: "ok" },
    });
    const down = await loadMonitoring(
      {
        env,
        origin: () => {
          throw new Error("origin unreachable");
        },
      },
      config,
    );
    expect(down.health).toEqual({ state: "failed", detail: "origin unreachable" });
    expect(down.signIns.state).toBe("ok");
  });
});
