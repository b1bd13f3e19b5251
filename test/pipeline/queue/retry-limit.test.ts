import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { PoisonMessage, ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import { createRun } from "../../../src/pipeline/runs/run-store.ts";
import { QUEUES } from "../../../workers/composition.ts";
import worker from "../../../workers/index.ts";
import { candidate, validateMessage } from "../../helpers/candidates.ts";
import { originDownEnv } from "../../helpers/failures.ts";
import { runOf, scrapedRun } from "../../helpers/runs.ts";

/**
 * "5 retries, then the dead-letter queue": Queues counts the deliveries and moves a message to
 * the dead-letter queue after `max_retries`; the consumers' part is to retry every failing
 * delivery alike (never to ack or drop one themselves), and the dead-letter consumer's part is
 * to record what arrives.
 */

/** The Worker's own queue handler, with the dead-letter queue's sends recorded rather than delivered. */
async function deliver(queue: string, body: unknown, attempts: number, environment: Env = env) {
  const sent: PoisonMessage[] = [];
  const deadLetters = { send: async (m: PoisonMessage) => void sent.push(m) } as unknown as Queue;
  const id = `retry-${crypto.randomUUID()}`;
  const batch = createMessageBatch(queue, [{ id, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...environment, DEAD_LETTER_QUEUE: deadLetters }, ctx);
  return { id, sent, result: await getQueueResult(batch, ctx) };
}

/** On its 5th and 6th (last) delivery a failing message is retried, neither acked nor dead-lettered by the consumer. */
async function expectRetriedAtTheEnd(queue: string, body: unknown, environment?: Env): Promise<void> {
  for (const attempts of [5, 6]) {
    const { id, sent, result } = await deliver(queue, body, attempts, environment);
    expect(result.explicitAcks, `attempt ${attempts}`).toEqual([]);
    expect(
      result.retryMessages.map((m) => m.msgId),
      `attempt ${attempts}`,
    ).toEqual([id]);
    expect(sent, `attempt ${attempts}`).toEqual([]);
  }
}

async function scrapeMessage(url: string): Promise<ScrapeMessage> {
  const runId = `run_retry_${crypto.randomUUID().slice(0, 8)}`;
  const source = { id: "flaky", url, format: "gift" as const };
  await createRun(env.DB, {
    id: runId,
    trigger: "manual",
    dueAt: null,
    requestedBy: null,
    sources: [source],
    now: new Date().toISOString(),
  });
  return { kind: "scrape", runId, source: { ...source, enabled: true, language: "en" } as ScrapeMessage["source"] };
}

describe("5 retries, then the dead-letter queue", () => {
  it("is what wrangler.toml sets for the scrape and validate consumers", () => {
    const consumers = inject("queueConsumers");
    for (const queue of [QUEUES.scrape, QUEUES.validate]) {
      expect(consumers.find((c) => c.queue === queue)).toEqual({
        queue,
        maxRetries: 5,
        deadLetterQueue: QUEUES.deadLetter,
      });
    }
    // Its consumer records what arrives; a message it cannot record is retried, never passed on.
    expect(consumers.find((c) => c.queue === QUEUES.deadLetter)?.deadLetterQueue).toBeNull();
  });

  it("a failing scrape is retried on its 5th and its 6th (last) delivery alike", async () => {
    const message = await scrapeMessage(`${inject("sourceServerUrl")}/status/503`);
    await expectRetriedAtTheEnd(QUEUES.scrape, message);
    expect((await runOf(message.runId)).sources[0]?.status).not.toBe("failed");
  });

  it("a failing validate batch is retried on its 5th and its 6th (last) delivery alike", async () => {
    const runId = await scrapedRun("flaky-validate", 1);
    const body = validateMessage(runId, "flaky-validate", 0, [
      await candidate({ text: `Which letter follows kappa? ${crypto.randomUUID()}` }),
    ]);
    await expectRetriedAtTheEnd(QUEUES.validate, body, originDownEnv());
    expect((await runOf(runId)).totals).toMatchObject({ accepted: 0, failed: 0 });
  });

  it("what Queues then moves to the dead-letter queue is recorded on the run, with its attempts", async () => {
    const message = await scrapeMessage(`${inject("sourceServerUrl")}/status/503`);
    const { id, result } = await deliver(QUEUES.deadLetter, message, 6);
    expect(result.explicitAcks).toEqual([id]);
    const run = await runOf(message.runId);
    expect(run.sources[0]).toMatchObject({ status: "failed", errors: [{ stage: "dead-letter" }] });
    expect(run.deadLetters).toEqual([expect.objectContaining({ messageId: id, kind: "scrape", attempts: 6 })]);
  });
});
