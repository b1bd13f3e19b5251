import { env } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import type { ScrapeRun } from "../../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { adminFetch } from "../../helpers/admin.ts";
import { expectProblem } from "../../helpers/problem.ts";
import { eventually } from "../../helpers/runs.ts";
import { publishSettings } from "../../helpers/settings.ts";
import { VIEWER_TOKEN } from "../../helpers/tokens.ts";

const base = inject("sourceServerUrl");

// Both fail for good at the fetch, so the live consumers settle the run quickly.
const SOURCES: ScraperSource[] = [
  { id: "missing", url: `${base}/status/404`, format: "gift", enabled: true, language: "en" },
  { id: "blocked", url: "http://10.255.0.1/quiz.gift", format: "aiken", enabled: true, language: "en" },
  { id: "dormant", url: `${base}/status/410`, format: "gift", enabled: false, language: "en" },
];

beforeEach(async () => {
  await publishSettings({ "scraper.sources": SOURCES });
});

describe("POST /api/admin/scraper/run", () => {
  it("needs an editor token", async () => {
    await expectProblem(await adminFetch("/api/admin/scraper/run", { method: "POST", token: "nope" }), 401);
    await expectProblem(await adminFetch("/api/admin/scraper/run", { method: "POST", token: VIEWER_TOKEN }), 403);
  });

  it("starts a run over the enabled sources and answers 202 with its id", async () => {
    const res = await adminFetch("/api/admin/scraper/run", { method: "POST" });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; sources: string[] };
    expect(body.id).toMatch(/^run_/);
    expect(body.sources.sort()).toEqual(["blocked", "missing"]);

    const run = await eventually(async () => {
      const r = (await (
        await adminFetch(`/api/admin/scraper/runs/${body.id}`, { token: VIEWER_TOKEN })
      ).json()) as ScrapeRun;
      expect(r.status).toBe("failed");
      return r;
    });
    expect(run).toMatchObject({ id: body.id, trigger: "manual", requestedBy: "editor-token" });
    expect(run.sources.map((s) => [s.id, s.status])).toEqual([
      ["blocked", "failed"],
      ["missing", "failed"],
    ]);
    const blocked = run.sources.find((s) => s.id === "blocked");
    expect(blocked?.errors[0]).toMatchObject({ stage: "fetch", message: expect.stringContaining("private") });
    expect(run.sources.find((s) => s.id === "missing")?.errors[0]?.message).toContain("404");
    expect(run.totals.errors.map((e) => e.record)).toEqual(["blocked", "missing"]);
    for (const key of ["fetched", "parsed", "skipped", "duplicates", "accepted", "rejected", "review", "failed"]) {
      expect(run.totals).toHaveProperty(key, 0);
    }
  });

  it("runs only the named sources, enabled or not", async () => {
    const res = await adminFetch("/api/admin/scraper/run", { method: "POST", body: { sources: ["dormant"] } });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { sources: string[] }).sources).toEqual(["dormant"]);
  });

  it("refuses unknown sources and a run with nothing enabled", async () => {
    const unknown = await expectProblem(
      await adminFetch("/api/admin/scraper/run", { method: "POST", body: { sources: ["missing", "nope"] } }),
      422,
    );
    expect(unknown.errors).toEqual([{ path: "sources", message: "unknown source 'nope'" }]);
    await expectProblem(await adminFetch("/api/admin/scraper/run", { method: "POST", body: { sources: [] } }), 422);
    const malformed = await expectProblem(
      await adminFetch("/api/admin/scraper/run", { method: "POST", body: { sources: "missing" } }),
      422,
    );
    expect(malformed.errors).toEqual([expect.objectContaining({ path: "sources" })]);
    await publishSettings({ "scraper.sources": SOURCES.map((s) => ({ ...s, enabled: false })) });
    const none = await expectProblem(await adminFetch("/api/admin/scraper/run", { method: "POST" }), 422);
    expect(none.detail).toContain("no source");
  });
});

describe("GET /api/admin/scraper/runs", () => {
  it("lists runs newest first and shows one run, for viewers", async () => {
    await expectProblem(await adminFetch("/api/admin/scraper/runs", { token: "nope" }), 401);
    const first = (await (await adminFetch("/api/admin/scraper/run", { method: "POST" })).json()) as { id: string };
    const second = (await (await adminFetch("/api/admin/scraper/run", { method: "POST" })).json()) as { id: string };
    const res = await adminFetch("/api/admin/scraper/runs?limit=2", { token: VIEWER_TOKEN });
    expect(res.status).toBe(200);
    const { runs } = (await res.json()) as { runs: ScrapeRun[] };
    expect(runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(runs[0]?.sources).toHaveLength(2);
    await expectProblem(await adminFetch("/api/admin/scraper/runs/run_nope", { token: VIEWER_TOKEN }), 404);
    await expectProblem(await adminFetch("/api/admin/scraper/runs?limit=0", { token: VIEWER_TOKEN }), 400);
  });

  it("keeps runs in D1 where the dashboard and API read them", async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM scrape_runs").first<{ n: number }>();
    expect(row?.n).toBeGreaterThan(0);
  });
});
