import { env } from "cloudflare:test";
import { expect } from "vitest";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import { markSourceStarted, recordProgress } from "../../src/pipeline/runs/run-progress.ts";
import { createRun, getRun } from "../../src/pipeline/runs/run-store.ts";
import { scrapeReceiptKey } from "../../src/pipeline/scrape/scrape-source.ts";

/** A run whose one source has been scraped into `batches` validate batches. */
export async function scrapedRun(sourceId: string, batches: number): Promise<string> {
  const id = `run_test_${crypto.randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  await createRun(env.DB, {
    id,
    trigger: "manual",
    dueAt: null,
    requestedBy: "test",
    sources: [{ id: sourceId, url: "https://example.com/source", format: "gift" }],
    now,
  });
  await markSourceStarted(env.DB, id, sourceId, now);
  await recordProgress(env.DB, {
    runId: id,
    sourceId,
    receiptKey: scrapeReceiptKey(id, sourceId),
    progress: { batchesTotal: batches },
    now,
  });
  return id;
}

export async function runOf(id: string): Promise<ScrapeRun> {
  const run = await getRun(env.DB, id);
  expect(run).not.toBeNull();
  return run as ScrapeRun;
}

/** Polls until `check` passes (queue deliveries are asynchronous), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
