import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  failRun,
  markSourceStarted,
  recordProgress,
  SOURCE_ERROR_CAP,
} from "../../../src/pipeline/runs/run-progress.ts";
import { createRun } from "../../../src/pipeline/runs/run-store.ts";
import { runOf } from "../../helpers/runs.ts";

const NOW = "2026-12-01T10:00:00.000Z";
const LATER = "2026-12-01T10:05:00.000Z";

async function newRun(sourceIds: string[]): Promise<string> {
  const id = `run_progress_${crypto.randomUUID().slice(0, 8)}`;
  const sources = sourceIds.map((s) => ({ id: s, url: `https://example.com/${s}`, format: "gift" as const }));
  await createRun(env.DB, { id, trigger: "manual", dueAt: null, requestedBy: null, sources, now: NOW });
  return id;
}

const report = (
  runId: string,
  sourceId: string,
  receiptKey: string,
  progress: Parameters<typeof recordProgress>[1]["progress"],
) => recordProgress(env.DB, { runId, sourceId, receiptKey, progress, now: LATER });

describe("run progress", () => {
  it("marks a source and its run running once, keeping the first start time", async () => {
    const runId = await newRun(["a"]);
    await markSourceStarted(env.DB, runId, "a", NOW);
    await markSourceStarted(env.DB, runId, "a", LATER);
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: "running", startedAt: NOW });
    expect(run.sources[0]).toMatchObject({ status: "running", startedAt: NOW });
  });

  it("applies a message's counts and errors once however often it is reported", async () => {
    const runId = await newRun(["a", "b"]);
    const progress = {
      counts: { fetched: 5, parsed: 3, skipped: 1, failed: 1 },
      errors: [{ stage: "parse" as const, record: "#2", message: "no answer" }],
      batchesTotal: 2,
    };
    expect(await report(runId, "a", `k:${runId}:scrape`, progress)).toBe(true);
    expect(await report(runId, "a", `k:${runId}:scrape`, progress)).toBe(false);
    await report(runId, "a", `k:${runId}:v0`, { counts: { accepted: 2 }, batchDone: true });
    const source = (await runOf(runId)).sources.find((s) => s.id === "a");
    expect(source).toMatchObject({ fetched: 5, parsed: 3, skipped: 1, failed: 1, accepted: 2, status: "queued" });
    expect(source?.errors).toEqual([{ stage: "parse", record: "#2", message: "no answer" }]);
  });

  it("completes a source when all its batches reported, and the run when no source is pending", async () => {
    const runId = await newRun(["a", "b"]);
    await report(runId, "a", `k:${runId}:a`, { batchesTotal: 1 });
    await report(runId, "b", `k:${runId}:b`, { failed: true, errors: [{ stage: "fetch", message: "404" }] });
    expect((await runOf(runId)).status).toBe("queued");
    await report(runId, "a", `k:${runId}:a0`, { batchDone: true, counts: { accepted: 1 } });
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: "completed", finishedAt: LATER, startedAt: LATER });
    expect(run.sources.map((s) => [s.id, s.status, s.finishedAt])).toEqual([
      ["a", "completed", LATER],
      ["b", "failed", LATER],
    ]);
  });

  it("fails the run when every source failed", async () => {
    const runId = await newRun(["a"]);
    await report(runId, "a", `k:${runId}:a`, { failed: true });
    expect((await runOf(runId)).status).toBe("failed");
  });

  it(`keeps at most ${SOURCE_ERROR_CAP} errors per source across reports`, async () => {
    const runId = await newRun(["a"]);
    const errors = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({ stage: "parse" as const, record: `#${from + i}`, message: "broken" }));
    await report(runId, "a", `k:${runId}:1`, { errors: errors(60, 0), counts: { failed: 60 } });
    await report(runId, "a", `k:${runId}:2`, { errors: errors(60, 60), counts: { failed: 60 } });
    const source = (await runOf(runId)).sources[0];
    expect(source?.failed).toBe(120);
    expect(source?.errors).toHaveLength(SOURCE_ERROR_CAP);
    expect(source?.errors.at(-1)?.record).toBe(`#${SOURCE_ERROR_CAP - 1}`);
  });

  it("fails a run that could not be started, with the reason on each pending source", async () => {
    const runId = await newRun(["a", "b"]);
    await report(runId, "a", `k:${runId}:a`, { failed: true });
    await failRun(env.DB, runId, "the queue is down", LATER);
    const run = await runOf(runId);
    expect(run.status).toBe("failed");
    expect(run.sources[0]?.errors).toEqual([]);
    expect(run.sources[1]?.errors).toEqual([
      { stage: "fetch", message: "the run could not be started: the queue is down" },
    ]);
  });
});
