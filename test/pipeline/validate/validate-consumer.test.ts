import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import { openOrigin } from "../../../src/origin/client.ts";
import worker from "../../../workers/index.ts";
import { candidate, validateMessage } from "../../helpers/candidates.ts";
import { eventually, runOf, scrapedRun } from "../../helpers/runs.ts";
import { publishSettings } from "../../helpers/settings.ts";

const QUEUE = "edge-quiz-validate";
const origin = openOrigin(env.ORIGIN);

async function deliver(messages: ValidateMessage[] | unknown[], environment: Env = env, attempts = 1) {
  const batch = createMessageBatch(
    QUEUE,
    messages.map((body, i) => ({ id: `msg-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts, body })),
  );
  // getQueueResult does not report retry delays: record them on the way through.
  const delays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    Object.defineProperty(message, "retry", {
      value: (options?: QueueRetryOptions) => {
        delays.push(options?.delaySeconds);
        retry(options);
      },
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, environment, ctx);
  return { batch, delays, result: await getQueueResult(batch, ctx) };
}

async function originRow(contentHash: string) {
  const rows = await origin.sql<{ id: string; status: string; decision: string | null; validator: string | null }[]>`
    SELECT q.id, q.status, v.decision, v.validator FROM questions q
    LEFT JOIN question_validations v ON v.question_id = q.id WHERE q.content_hash = ${contentHash}`;
  return rows;
}

/** Questions learners can get from the edge copy (it mirrors every status, serves active ones). */
async function edgeCount(contentHash: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM questions WHERE content_hash = ?1 AND status = 'active'")
    .bind(contentHash)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await publishSettings({});
});

describe("validate consumer", () => {
  it("stores accepted questions at the origin and the edge, and holds the rest for review", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const good = await candidate({ text: `Which letter comes second in the Greek alphabet? ${tag}` });
    const wrongKey = await candidate({
      text: "What is 613 + 5?",
      choices: [
        { id: "a", text: "618" },
        { id: "b", text: "619" },
      ],
      answer: { kind: "choices", correct: ["b"] },
    });
    const lowScore = await candidate({ text: `<INSERT TEXT IMAGE HERE> pick one ${tag}` });
    const near = await candidate({ text: `Which Greek letter is second? ${tag}`, nearDuplicateOf: good.id });
    const runId = await scrapedRun("src-a", 1);

    const { batch, result } = await deliver([validateMessage(runId, "src-a", 0, [good, wrongKey, lowScore, near])]);
    expect(result.explicitAcks).toEqual([batch.messages[0]?.id]);
    expect(result.retryMessages).toEqual([]);

    expect(await originRow(good.contentHash)).toEqual([
      { id: good.id, status: "active", decision: "accepted", validator: "offline" },
    ]);
    expect(await edgeCount(good.contentHash)).toBe(1);
    for (const [c, decision] of [
      [wrongKey, "rejected"],
      [lowScore, "review"],
      [near, "review"],
    ] as const) {
      expect(await originRow(c.contentHash)).toEqual([{ id: c.id, status: "review", decision, validator: "offline" }]);
      expect(await edgeCount(c.contentHash)).toBe(0);
    }
    const fingerprints = await env.DB.prepare(
      "SELECT count(*) AS n FROM question_fingerprints WHERE question_id IN (?1, ?2)",
    )
      .bind(good.id, near.id)
      .first<{ n: number }>();
    expect(fingerprints?.n).toBe(2);

    const run = await runOf(runId);
    expect(run.status).toBe("completed");
    expect(run.totals).toMatchObject({ accepted: 1, rejected: 1, review: 2, duplicates: 0, failed: 0 });
  });

  it("never stores a question twice or counts a batch twice, however often it is delivered", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const q = await candidate({ text: `Which letter comes third in the Greek alphabet? ${tag}` });
    const runId = await scrapedRun("src-b", 2);
    const message = validateMessage(runId, "src-b", 0, [q]);
    await deliver([message]);
    await deliver([message], env, 2);
    const [first, second] = await Promise.all([deliver([message], env, 3), deliver([message], env, 3)]);
    expect(first.result.explicitAcks).toHaveLength(1);
    expect(second.result.explicitAcks).toHaveLength(1);
    expect(await originRow(q.contentHash)).toHaveLength(1);
    expect(await edgeCount(q.contentHash)).toBe(1);
    const run = await runOf(runId);
    expect(run.totals).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(run.status).not.toBe("completed");

    await deliver([
      validateMessage(runId, "src-b", 1, [await candidate({ text: `Another one ${crypto.randomUUID()}` })]),
    ]);
    expect((await runOf(runId)).status).toBe("completed");

    // A later run bringing the same question again adds nothing: it is counted as a duplicate.
    const rerun = await scrapedRun("src-b", 1);
    await deliver([validateMessage(rerun, "src-b", 0, [q])]);
    expect((await runOf(rerun)).totals).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await originRow(q.contentHash)).toHaveLength(1);
  });

  it("retries a batch on its own with exponential backoff when the origin is down", async () => {
    const q = await candidate({ text: `Which letter comes fourth in the Greek alphabet? ${crypto.randomUUID()}` });
    const ok = await candidate({ text: `Which letter comes fifth in the Greek alphabet? ${crypto.randomUUID()}` });
    const runId = await scrapedRun("src-c", 2);
    const down = {
      ...env,
      ORIGIN: { ...env.ORIGIN, connectionString: "postgres://postgres:postgres@127.0.0.1:9/postgres" },
    };
    const first = await deliver([validateMessage(runId, "src-c", 0, [q])], down as Env, 1);
    const third = await deliver([validateMessage(runId, "src-c", 0, [q])], down as Env, 3);
    expect(first.result.retryMessages).toHaveLength(1);
    const [retry1 = 0] = first.delays;
    const [retry3 = 0] = third.delays;
    expect(retry1).toBeGreaterThanOrEqual(10);
    expect(retry1).toBeLessThanOrEqual(13);
    expect(retry3).toBeGreaterThanOrEqual(40);
    expect(retry3).toBeLessThanOrEqual(50);
    expect(first.result.explicitAcks).toEqual([]);
    // Nothing was counted; the message retried later succeeds.
    expect((await runOf(runId)).totals.accepted).toBe(0);
    const healthy = await deliver([validateMessage(runId, "src-c", 0, [q]), validateMessage(runId, "src-c", 1, [ok])]);
    expect(healthy.result.explicitAcks).toHaveLength(2);
    expect((await runOf(runId)).totals.accepted).toBe(2);
  });

  it("sends an unreadable message to the dead-letter queue, where the run shows it", async () => {
    const runId = await scrapedRun("src-d", 1);
    const body = { kind: "validate", runId, sourceId: "src-d", batch: 0, candidates: [{ text: "no" }] };
    const { result } = await deliver([body]);
    expect(result.explicitAcks).toHaveLength(1);
    const letters = await eventually(async () => {
      const { results } = await env.DB.prepare("SELECT kind, body FROM dead_letters WHERE kind = 'poison'").all<{
        kind: string;
        body: string;
      }>();
      const mine = results.filter((r) => r.body.includes(runId));
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(JSON.parse(letters[0]?.body ?? "{}")).toMatchObject({ kind: "poison", queue: QUEUE });
    // What could be read of it settles the run: its one question counted as failed.
    const run = await eventually(async () => {
      const r = await runOf(runId);
      expect(r.status).toBe("completed");
      return r;
    });
    expect(run.totals.failed).toBe(1);
    expect(run.deadLetters).toEqual([expect.objectContaining({ kind: "poison", sourceId: "src-d" })]);
  });

  it("validates with the model when a key is configured, rejecting what it marks wrong", async () => {
    await publishSettings({ "ai.timeout_ms": 1000 });
    const tag = crypto.randomUUID().slice(0, 8);
    const q = await candidate({ text: `Which letter comes sixth in the Greek alphabet? ${tag}` });
    const runId = await scrapedRun("src-e", 1);
    const withModel = {
      ...env,
      OPENAI_API_KEY: `fake:gpt-4o-mini=wrongkey,id=${tag}`,
      OPENAI_BASE_URL: inject("fakeOpenAiUrl"),
    } as Env;
    await deliver([validateMessage(runId, "src-e", 0, [q])], withModel);
    expect(await originRow(q.contentHash)).toEqual([
      { id: q.id, status: "review", decision: "rejected", validator: "openai" },
    ]);
    expect((await runOf(runId)).totals).toMatchObject({ rejected: 1 });
  });
});
