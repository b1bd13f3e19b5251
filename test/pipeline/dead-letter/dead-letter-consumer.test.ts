import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import { backoffSeconds } from "../../../src/pipeline/queue/backoff.ts";
import { createRun } from "../../../src/pipeline/runs/run-store.ts";
import { packCandidates, sendAll } from "../../../src/pipeline/scrape/batch-messages.ts";
import worker from "../../../workers/index.ts";
import { candidate, validateMessage } from "../../helpers/candidates.ts";
import { runOf, scrapedRun } from "../../helpers/runs.ts";

async function deadLetter(body: unknown, id = `dl-${crypto.randomUUID()}`) {
  const batch = createMessageBatch("edge-quiz-dlq", [{ id, timestamp: new Date(), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("dead-letter consumer", () => {
  it("fails the source of a dead scrape message and shows the message on the run", async () => {
    const runId = `run_dl_${crypto.randomUUID().slice(0, 8)}`;
    const sources = [
      { id: "dead", url: "https://example.com/a.gift", format: "gift" as const },
      { id: "alive", url: "https://example.com/b.gift", format: "gift" as const },
    ];
    await createRun(env.DB, {
      id: runId,
      trigger: "manual",
      dueAt: null,
      requestedBy: null,
      sources,
      now: new Date().toISOString(),
    });
    const body: ScrapeMessage = {
      kind: "scrape",
      runId,
      source: { ...sources[0], enabled: true, language: "en" } as ScrapeMessage["source"],
    };
    const result = await deadLetter(body, "dead-msg-1");
    expect(result.explicitAcks).toEqual(["dead-msg-1"]);
    // Recording twice (at-least-once) changes nothing.
    await deadLetter(body, "dead-msg-1");
    const run = await runOf(runId);
    expect(run.status).toBe("queued");
    expect(run.sources.find((s) => s.id === "dead")).toMatchObject({
      status: "failed",
      errors: [{ stage: "dead-letter", message: expect.stringContaining("dead-lettered") }],
    });
    expect(run.sources.find((s) => s.id === "alive")?.status).toBe("queued");
    expect(run.deadLetters).toEqual([
      expect.objectContaining({ messageId: "dead-msg-1", kind: "scrape", sourceId: "dead", body }),
    ]);
  });

  it("counts a dead validate batch as failed questions and lets the run finish", async () => {
    const runId = await scrapedRun("dl-src", 1);
    const c = await candidate({ text: `Dead letter question ${crypto.randomUUID()}` });
    await deadLetter(validateMessage(runId, "dl-src", 0, [c, c]));
    const run = await runOf(runId);
    expect(run.status).toBe("completed");
    expect(run.totals).toMatchObject({ failed: 2, accepted: 0 });
    expect(run.totals.errors[0]).toMatchObject({ stage: "dead-letter", record: "dl-src: batch 0" });
    expect(run.deadLetters[0]).toMatchObject({ kind: "validate", sourceId: "dl-src" });
  });

  it("keeps unreadable bodies for inspection", async () => {
    const result = await deadLetter("garbage");
    expect(result.explicitAcks).toHaveLength(1);
    const row = await env.DB.prepare("SELECT kind, body FROM dead_letters WHERE body = ?1").bind('"garbage"').first();
    expect(row).toEqual({ kind: "unreadable", body: '"garbage"' });
  });
});

describe("queue limits", () => {
  it("packs candidates into messages under 128 KB and sends at most 100 per call within 256 KB", async () => {
    const big = await candidate({ text: `${"long wording ".repeat(700)} ${crypto.randomUUID()}` });
    const candidates = Array.from({ length: 60 }, (_, i) => ({ ...big, record: `#${i}` }));
    const { messages, oversized } = packCandidates("run", "src", candidates);
    expect(oversized).toEqual([]);
    expect(messages.flatMap((m) => m.candidates)).toHaveLength(60);
    expect(messages.map((m) => m.batch)).toEqual(messages.map((_, i) => i));
    for (const m of messages) {
      expect(new TextEncoder().encode(JSON.stringify(m)).byteLength).toBeLessThan(128 * 1024);
      expect(m.candidates.length).toBeLessThanOrEqual(25);
    }
    const huge = {
      ...big,
      text: "x".repeat(10_000),
      explanation: "y".repeat(10_000),
      choices: Array.from({ length: 26 }, (_, i) => ({ id: `c${i}`, text: "é".repeat(2000) })),
    };
    expect(packCandidates("run", "src", [huge]).oversized).toHaveLength(1);

    const calls: number[][] = [];
    const queue = {
      async sendBatch(batch: MessageSendRequest<unknown>[]) {
        calls.push(batch.map((m) => new TextEncoder().encode(JSON.stringify(m.body)).byteLength));
      },
    } as unknown as Queue<unknown>;
    await sendAll(
      queue,
      Array.from({ length: 250 }, (_, i) => ({ i })),
    );
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    calls.length = 0;
    await sendAll(queue, messages);
    for (const call of calls) expect(call.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(256 * 1024);
    expect(calls.flat()).toHaveLength(messages.length);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffSeconds(1, () => 0)).toBe(10);
    expect(backoffSeconds(2, () => 0)).toBe(20);
    expect(backoffSeconds(4, () => 0)).toBe(80);
    expect(backoffSeconds(4, () => 1)).toBe(100);
    expect(backoffSeconds(30, () => 1)).toBe(900);
  });
});
