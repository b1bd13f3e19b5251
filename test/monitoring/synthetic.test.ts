import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC_STEPS, type SyntheticRun } from "../../schemas/synthetic-run.ts";
import { handleScheduledSynthetic } from "../../src/monitoring/scheduled-synthetic.ts";
import { runSyntheticCheck, SYNTHETIC_INTERVAL_MS } from "../../src/monitoring/synthetic-check.ts";
import { app } from "../../workers/app.ts";
import worker from "../../workers/index.ts";
import { adminFetch } from "../helpers/admin.ts";
import { seedD1 } from "../helpers/bank.ts";
import { publishSettings } from "../helpers/settings.ts";
import { VIEWER_TOKEN } from "../helpers/tokens.ts";

beforeAll(async () => {
  await seedD1(env.DB);
});

const dispatch = async (request: Request) => {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
};

async function runsInDb(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM synthetic_runs").first<{ n: number }>())?.n ?? 0;
}

describe("the synthetic journey", () => {
  it("runs every step of the seed's journey through the Worker and records each latency", async () => {
    const res = await adminFetch("/api/admin/monitoring/synthetic/run", { method: "POST" });
    expect(res.status).toBe(200);
    const run = (await res.json()) as SyntheticRun;
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    expect(run.steps.map((s) => s.name)).toEqual([...SYNTHETIC_STEPS]);
    for (const step of run.steps) {
      expect(step.ok).toBe(true);
      expect(step.ms).toBeGreaterThanOrEqual(0);
    }
    const list = (await (await adminFetch("/api/admin/monitoring/synthetic", { token: VIEWER_TOKEN })).json()) as {
      runs: SyntheticRun[];
    };
    expect(list.runs[0]?.id).toBe(run.id);
    expect(list.runs[0]?.steps).toEqual(run.steps);
  });

  it("records a failure with the step that failed and why", async () => {
    const broken = async (request: Request) =>
      new URL(request.url).pathname === "/api/sessions/start"
        ? Response.json({ detail: "the learner object is down" }, { status: 503 })
        : dispatch(request);
    const run = await runSyntheticCheck({ db: env.DB, dispatch: broken, env }, "manual", new Date());
    expect(run?.ok).toBe(false);
    expect(run?.failedStep).toBe("start_quiz");
    expect(run?.error).toContain("503");
    expect(run?.steps.map((s) => s.name)).toEqual(["topics", "sign_in", "start_quiz"]);
    const stored = await env.DB.prepare("SELECT ok, failed_step FROM synthetic_runs WHERE id = ?1")
      .bind(run?.id)
      .first();
    expect(stored).toEqual({ ok: 0, failed_step: "start_quiz" });
  });

  it("runs from the cron tick only when enabled, once per 5-minute slot", async () => {
    const slot = Math.floor(Date.now() / SYNTHETIC_INTERVAL_MS) * SYNTHETIC_INTERVAL_MS + 10 * SYNTHETIC_INTERVAL_MS;
    await publishSettings({ "monitoring.synthetic_enabled": false });
    expect(await handleScheduledSynthetic({ scheduledTime: slot }, env, dispatch)).toBeNull();

    await publishSettings({ "monitoring.synthetic_enabled": true });
    const before = await runsInDb();
    const first = await handleScheduledSynthetic({ scheduledTime: slot }, env, dispatch);
    expect(first?.ok).toBe(true);
    expect(first?.trigger).toBe("schedule");
    // The same tick delivered again, and the next minutes of the slot: no second run.
    expect(await handleScheduledSynthetic({ scheduledTime: slot }, env, dispatch)).toBeNull();
    expect(await handleScheduledSynthetic({ scheduledTime: slot + 60_000 }, env, dispatch)).toBeNull();
    expect(await runsInDb()).toBe(before + 1);
    await publishSettings({ "monitoring.synthetic_enabled": false });
  });

  it("is wired into the Worker's scheduled handler", async () => {
    await publishSettings({ "monitoring.synthetic_enabled": true });
    const before = await runsInDb();
    const scheduledTime =
      Math.floor(Date.now() / SYNTHETIC_INTERVAL_MS) * SYNTHETIC_INTERVAL_MS + 20 * SYNTHETIC_INTERVAL_MS;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await runsInDb()).toBe(before + 1);
    await publishSettings({ "monitoring.synthetic_enabled": false });
  });

  it("viewers may read the runs but not start one", async () => {
    expect(
      (await adminFetch("/api/admin/monitoring/synthetic/run", { method: "POST", token: VIEWER_TOKEN })).status,
    ).toBe(403);
    expect((await adminFetch("/api/admin/monitoring/synthetic", { token: "nope" })).status).toBe(401);
  });
});
