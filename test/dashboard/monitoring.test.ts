import { describe, expect, it } from "vitest";
import { hitRate, loadMonitoring } from "../../src/dashboard/monitoring.ts";
import { MonitoringPanel } from "../../src/dashboard/monitoring-panel.tsx";
import type { ApiCall } from "../../src/http/api-probe.ts";

const counters = (hits: number, misses: number) => ({ hits, misses, staleServed: 1, errors: 0 });

/** The shape the edge-serving module's GET /api/admin/cache/stats answers with. */
const CACHE_STATS = {
  scope: "isolate",
  isolateId: "iso-1",
  since: "2026-11-23T00:00:00.000Z",
  sources: {
    MEMORY: counters(90, 10),
    CACHE: counters(0, 0),
    KV: counters(6, 4),
    D1: counters(3, 1),
    ORIGIN: counters(1, 0),
  },
  originQueries: 7,
  coalesced: 2,
  negativeHits: 1,
  revalidations: 0,
  memory: { entries: 12, capacity: 5000 },
  generation: { generation: "g1", kvEpoch: "e1" },
};

function api(routes: Record<string, () => Response>): ApiCall {
  return async (path) => (routes[path] ?? (() => Response.json({ status: 404 }, { status: 404 })))();
}

async function render(call: ApiCall): Promise<string> {
  const data = await loadMonitoring(call, { revision: 4, source: "kv" });
  return String(await MonitoringPanel({ data, role: "editor", csrf: "t" }));
}

describe("the monitoring panel", () => {
  it("shows hit rates per tier and origin queries from the cache stats endpoint", async () => {
    const html = await render(api({ "/api/admin/cache/stats": () => Response.json(CACHE_STATS) }));
    expect(html).toContain('<th scope="row">MEMORY</th><td class="num">90.0 %</td>');
    expect(html).toContain('<th scope="row">CACHE</th><td class="num">–</td>');
    expect(html).toContain("<dt>Origin queries</dt><dd>7</dd>");
    expect(html).toContain("12 of 5000");
    expect(html).toContain("Config revision <strong>4</strong>");
    expect(html).toContain("Scraper run status is not available on this deployment yet.");
  });

  it("lists scraper runs with their counts and dead letters", async () => {
    const runs = {
      runs: [
        {
          id: "run_1",
          status: "completed",
          trigger: "schedule",
          createdAt: "2026-11-23T06:00:00.000Z",
          finishedAt: "2026-11-23T06:01:00.000Z",
          totals: { fetched: 50, accepted: 48, rejected: 2, errors: [] },
          deadLetters: [{}],
        },
      ],
    };
    const html = await render(api({ "/api/admin/scraper/runs?limit=5": () => Response.json(runs) }));
    expect(html).toContain('<td class="mono">run_1</td><td>completed</td><td>schedule</td>');
    expect(html).toContain("fetched 50, accepted 48, rejected 2");
    expect(html).toContain('<td class="num">1</td>');
  });

  it("shows the synthetic journey's runs: result and each step's latency", async () => {
    const step = (name: string, ms: number, ok = true) => ({ name, ok, ms, status: ok ? 200 : 503, detail: null });
    const runs = {
      runs: [
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
      ],
    };
    const html = await render(api({ "/api/admin/monitoring/synthetic?limit=6": () => Response.json(runs) }));
    expect(html).toContain("failed at start_quiz: start: 503");
    expect(html).toContain("topics 3 · sign_in 5 · start_quiz ✗ 30");
    expect(html).toMatch(/<td>2026-12-01T10:00:00.000Z<\/td><td>ok<\/td>/);
    const missing = await render(api({}));
    expect(missing).toContain("The synthetic journey is not available on this deployment yet.");
  });

  it("shows an unknown shape as escaped text, and failures without breaking the page", async () => {
    const html = await render(
      api({
        "/api/admin/cache/stats": () => Response.json({ tiers: "<b>new</b>" }),
        "/api/admin/scraper/runs?limit=5": () =>
          Response.json(
            { detail: "D1 is down" },
            { status: 503, headers: { "content-type": "application/problem+json" } },
          ),
      }),
    );
    expect(html).toContain("&lt;b&gt;new&lt;/b&gt;");
    expect(html).toContain("Scraper run status could not be read (503: D1 is down).");
    const thrown = await render(async () => {
      throw new Error("network");
    });
    expect(thrown).toContain("Cache stats could not be read (network).");
  });

  it("shows the flagged question count and the answer stream's dead letters", async () => {
    const html = await render(
      api({
        "/api/admin/analytics/questions?flagged=true&limit=1": () =>
          Response.json({ summary: { questions: 120, answers: 4800, flagged: 3 }, items: [], nextCursor: null }),
        "/api/admin/answers/dead-letters?limit=1": () => Response.json({ total: 2, pending: 1, items: [] }),
      }),
    );
    expect(html).toContain("<dt>Flagged questions</dt><dd>3</dd>");
    expect(html).toContain("<dt>Answers at the origin</dt><dd>4800</dd>");
    expect(html).toContain("<dt>Answer dead letters</dt><dd>2 (1 not replayed)</dd>");
    const missing = await render(api({}));
    expect(missing).toContain("Question health is not available on this deployment yet.");
  });

  it("computes hit rates only once there were lookups", () => {
    expect(hitRate({ hits: 3, misses: 1 })).toBe(75);
    expect(hitRate({ hits: 0, misses: 0 })).toBeNull();
  });
});
