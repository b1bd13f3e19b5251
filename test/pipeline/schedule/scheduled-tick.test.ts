import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { latestDueTime } from "../../../src/pipeline/schedule/due-time.ts";
import { DUE_GRACE_MS, scheduledTick } from "../../../src/pipeline/schedule/scheduled-tick.ts";
import worker from "../../../workers/index.ts";
import { publishSettings } from "../../helpers/settings.ts";

const SOURCES: ScraperSource[] = [
  { id: "alpha", url: "https://example.com/a.gift", format: "gift", enabled: true, language: "en" },
  { id: "beta", url: "https://example.com/b.txt", format: "aiken", enabled: true, language: "en" },
  { id: "off", url: "https://example.com/c.txt", format: "aiken", enabled: false, language: "en" },
];

/** Records what would be sent instead of feeding the live consumer. */
function captureQueue() {
  const sent: { body: ScrapeMessage; delaySeconds?: number }[] = [];
  const queue = {
    async send(body: ScrapeMessage) {
      sent.push({ body });
    },
    async sendBatch(messages: Iterable<MessageSendRequest<ScrapeMessage>>) {
      for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds });
    },
  } as unknown as Queue<ScrapeMessage>;
  return { queue, sent };
}

async function runCount(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM scrape_runs").first<{ n: number }>();
  return row?.n ?? 0;
}

const settings = (overrides: Record<string, unknown> = {}) => ({
  "scraper.enabled": true,
  "scraper.schedule": "0 */6 * * *",
  "scraper.sources": SOURCES,
  ...overrides,
});

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM scrape_leases"),
    env.DB.prepare("DELETE FROM scrape_runs"),
    env.DB.prepare("DELETE FROM scrape_run_sources"),
  ]);
});

describe("due times", () => {
  it("is the latest schedule time at or before now, in UTC whole minutes", () => {
    expect(latestDueTime("0 */6 * * *", new Date("2026-03-01T07:30:00Z"))?.toISOString()).toBe(
      "2026-03-01T06:00:00.000Z",
    );
    expect(latestDueTime("0 */6 * * *", new Date("2026-03-01T06:00:00.900Z"))?.toISOString()).toBe(
      "2026-03-01T06:00:00.000Z",
    );
    expect(latestDueTime("*/15 * * * *", new Date("2026-03-01T06:14:59Z"))?.toISOString()).toBe(
      "2026-03-01T06:00:00.000Z",
    );
  });
});

describe("scheduled tick", () => {
  it("does nothing while the scraper is disabled", async () => {
    const { queue, sent } = captureQueue();
    const outcome = await scheduledTick({
      db: env.DB,
      queue,
      settings: settings({ "scraper.enabled": false }) as never,
      scheduledTime: Date.parse("2026-03-01T06:00:00Z"),
    });
    expect(outcome).toEqual({ started: false, reason: "disabled" });
    expect(sent).toHaveLength(0);
    expect(await runCount()).toBe(0);
  });

  it("does nothing between due times, and not for a due time past the grace period", async () => {
    const { queue, sent } = captureQueue();
    const at = (iso: string) =>
      scheduledTick({ db: env.DB, queue, settings: settings() as never, scheduledTime: Date.parse(iso) });
    expect((await at(new Date(Date.parse("2026-03-01T06:00:00Z") + DUE_GRACE_MS + 60_000).toISOString())).started).toBe(
      false,
    );
    expect(await at("2026-03-01T05:59:00Z")).toMatchObject({ started: false, reason: "not-due" });
    expect(sent).toHaveLength(0);
  });

  it("starts a due run once, with one message per enabled source", async () => {
    const { queue, sent } = captureQueue();
    const outcome = await scheduledTick({
      db: env.DB,
      queue,
      settings: settings() as never,
      scheduledTime: Date.parse("2026-03-01T06:00:00Z"),
    });
    expect(outcome).toMatchObject({ started: true, dueAt: "2026-03-01T06:00:00.000Z" });
    expect(sent.map((m) => m.body.source.id).sort()).toEqual(["alpha", "beta"]);
    expect(new Set(sent.map((m) => m.body.runId))).toEqual(new Set([outcome.started ? outcome.runId : ""]));
  });

  it("starts at most one run per due time however often and concurrently the trigger is delivered", async () => {
    const { queue, sent } = captureQueue();
    const tick = (iso: string) =>
      scheduledTick({ db: env.DB, queue, settings: settings() as never, scheduledTime: Date.parse(iso) });
    // Overlapping deliveries of one tick, a repeated delivery, and later ticks for the same due time.
    const outcomes = await Promise.all([
      tick("2026-03-01T06:00:00Z"),
      tick("2026-03-01T06:00:00Z"),
      tick("2026-03-01T06:00:00Z"),
      tick("2026-03-01T06:00:30Z"),
      tick("2026-03-01T06:01:00Z"),
    ]);
    outcomes.push(await tick("2026-03-01T06:02:00Z"));
    expect(outcomes.filter((o) => o.started)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.started).every((o) => !o.started && o.reason === "already-started")).toBe(true);
    expect(await runCount()).toBe(1);
    expect(sent).toHaveLength(2);
    // The next due time starts the next run.
    expect((await tick("2026-03-01T12:00:00Z")).started).toBe(true);
    expect(await runCount()).toBe(2);
  });

  it("runs as the Worker's scheduled handler with the published settings", async () => {
    await publishSettings({ ...settings({ "scraper.schedule": "*/5 * * * *" }), "scraper.sources": [] } as never);
    const controller = createScheduledController({
      scheduledTime: Date.parse("2026-03-01T06:05:00Z"),
      cron: "* * * * *",
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    const runs = await env.DB.prepare("SELECT trigger, due_at, status FROM scrape_runs").all();
    // No sources: the run has nothing to wait for and is completed at once.
    expect(runs.results).toEqual([{ trigger: "schedule", due_at: "2026-03-01T06:05:00.000Z", status: "completed" }]);
  });
});
