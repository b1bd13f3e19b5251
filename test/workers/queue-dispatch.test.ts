import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { handleQueue, QUEUES } from "../../workers/composition.ts";

async function dispatch(queue: string, body: unknown) {
  const batch = createMessageBatch(queue, [
    { id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body },
  ]);
  const ctx = createExecutionContext();
  await handleQueue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("the Worker's queue dispatch (workers/composition.ts)", () => {
  it("names the queues wrangler.toml binds", () => {
    expect(Object.values(QUEUES).sort()).toEqual([
      "edge-quiz-answers",
      "edge-quiz-answers-dlq",
      "edge-quiz-dlq",
      "edge-quiz-scrape",
      "edge-quiz-validate",
    ]);
  });

  it("hands a batch to its queue's consumer: an unreadable scrape message is acked to the dead letters", async () => {
    const result = await dispatch(QUEUES.scrape, { kind: "scrape", runId: "r", source: { id: "x" } });
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryBatch.retry).toBe(false);
  });

  it("retries a batch from a queue it has no consumer for, rather than losing it", async () => {
    const result = await dispatch("edge-quiz-unknown", { anything: true });
    expect(result.retryBatch.retry).toBe(true);
    expect(result.explicitAcks).toEqual([]);
  });
});
