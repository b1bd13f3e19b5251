import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { PoisonMessage, ScrapeMessage, ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { parseAllowedHosts } from "../../../src/pipeline/fetch/private-address.ts";
import { SourceRetryableError } from "../../../src/pipeline/parsers/errors.ts";
import type { ParsedQuestion, SourceParser } from "../../../src/pipeline/parsers/types.ts";
import { createRun } from "../../../src/pipeline/runs/run-store.ts";
import { consumeScrapeBatch, type ScrapeConsumerDeps } from "../../../src/pipeline/scrape/scrape-consumer.ts";
import type { Similarity } from "../../../src/pipeline/scrape/similarity.ts";
import { bandIndex } from "../../../src/pipeline/store/band-index.ts";
import { fingerprintStatements, indexFingerprints } from "../../../src/pipeline/store/fingerprint-index.ts";
import { r2MediaStore } from "../../../src/pipeline/store/media-store.ts";
import { upsertD1Questions } from "../../../src/questions/d1-store.ts";
import { scrapeConsumerDeps } from "../../../workers/composition.ts";
import { candidate } from "../../helpers/candidates.ts";
import { runOf } from "../../helpers/runs.ts";
import { putSource, sourceHits } from "../../helpers/sources.ts";

const base = inject("sourceServerUrl");

/**
 * Test documents are JSON: `{ questions, skipped, errors }` with questions in the parsed shape,
 * their embedded media as `{ name, base64 }`.
 */
const jsonParser: SourceParser = async (_source, body) => {
  const doc = JSON.parse(new TextDecoder().decode(body));
  if (doc.retryLater) throw new SourceRetryableError("json", "come back later", 30);
  return {
    questions: (doc.questions as Partial<ParsedQuestion>[]).map((q) => ({
      type: "single_choice",
      choices: [
        { id: "a", text: "Red" },
        { id: "b", text: "Blue" },
      ],
      answer: { kind: "choices", correct: ["b"] },
      explanation: null,
      category: null,
      tags: [],
      difficulty: null,
      explanationMedia: [],
      sourceRef: null,
      text: "",
      ...q,
      media: ((q.media ?? []) as unknown as { name: string; base64: string }[]).map(({ name, base64 }) => ({
        name,
        mimeType: "application/octet-stream",
        bytes: Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)),
      })),
    })),
    skipped: doc.skipped ?? [],
    errors: doc.errors ?? [],
  };
};

/** A stand-in signature: the text's first word is the "signature" (hex), one band per signature. */
const similarity: Similarity = {
  signature: (text) =>
    (text.match(/[a-z]+/i)?.[0] ?? "x")
      .toLowerCase()
      .replace(/[^a-f]/g, "a")
      .slice(0, 8),
  bandKeys: (sig) => [Number.parseInt(sig, 16)],
  isNear: (a, b) => a === b,
};

function capture<T>() {
  const sent: { body: T; delaySeconds?: number }[] = [];
  const queue = {
    async send(body: T, options?: QueueSendOptions) {
      sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    async sendBatch(messages: Iterable<MessageSendRequest<T>>) {
      for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds });
    },
  } as unknown as Queue<T>;
  return { queue, sent };
}

function deps() {
  const validate = capture<ValidateMessage>();
  const scrape = capture<ScrapeMessage>();
  const dead = capture<PoisonMessage>();
  const fetchOptions = {
    allowedPrivateHosts: parseAllowedHosts(env.SCRAPER_ALLOWED_PRIVATE_HOSTS),
    timeoutMs: 2000,
    maxBytes: 1024 * 1024,
  };
  const d: ScrapeConsumerDeps = {
    db: env.DB,
    bands: bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`),
    scrapeQueue: scrape.queue,
    validateQueue: validate.queue,
    deadLetterQueue: dead.queue,
    parse: jsonParser,
    similarity,
    media: r2MediaStore(env.MEDIA),
    fetchOptions,
    mediaMaxBytes: 1000,
  };
  return { deps: d, validate: validate.sent, scrape: scrape.sent, dead: dead.sent };
}

async function newRun(sources: ScraperSource[]): Promise<string> {
  const id = `run_scrape_${crypto.randomUUID().slice(0, 8)}`;
  await createRun(env.DB, {
    id,
    trigger: "manual",
    dueAt: null,
    requestedBy: null,
    sources,
    now: new Date().toISOString(),
  });
  return id;
}

function source(id: string, url: string, format: ScraperSource["format"] = "gift"): ScraperSource {
  return { id, url, format, enabled: true, language: "en", category: "colours" } as ScraperSource;
}

async function consume(bodies: unknown[], d: ScrapeConsumerDeps, attempts = 1) {
  const delays: (number | undefined)[] = [];
  const batch = createMessageBatch(
    "edge-quiz-scrape",
    bodies.map((body, i) => ({ id: `scrape-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts, body })),
  );
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
  await consumeScrapeBatch(batch, d);
  return { batch, delays, result: await getQueueResult(batch, ctx) };
}

describe("scrape consumer", () => {
  it("fetches, parses, dedupes and sends candidates to validation with the counts recorded once", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const url = await putSource(
      `scrape/${tag}.json`,
      JSON.stringify({
        questions: [
          { text: `Sky colour ${tag}?` },
          { text: `Sea colour ${tag}?`, category: "nature", difficulty: 2 },
          { text: `Sky colour ${tag}?` },
          { text: "" },
        ],
        skipped: [{ index: 4, reason: "matching questions are not supported" }],
        errors: [{ index: 5, message: "no answer" }],
      }),
    );
    const s = source("colours", url);
    const runId = await newRun([s]);
    const { deps: d, validate } = deps();
    const message: ScrapeMessage = { kind: "scrape", runId, source: s };
    const { result } = await consume([message], d);
    expect(result.explicitAcks).toHaveLength(1);

    expect(validate).toHaveLength(1);
    const [sent] = validate;
    expect(sent?.body).toMatchObject({ kind: "validate", runId, sourceId: "colours", batch: 0 });
    const candidates = sent?.body.candidates ?? [];
    expect(candidates.map((c) => [c.text, c.category, c.difficulty])).toEqual([
      [`Sky colour ${tag}?`, "colours", null],
      [`Sea colour ${tag}?`, "nature", 2],
    ]);
    expect(candidates[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(candidates[0]?.id).toMatch(/^q_[0-9a-f]{16}$/);
    // The second sky question is an exact duplicate; the empty one fails the schema.
    let run = await runOf(runId);
    expect(run.status).toBe("running");
    expect(run.sources[0]).toMatchObject({ fetched: 6, parsed: 3, skipped: 1, duplicates: 1, failed: 2 });
    expect(run.sources[0]?.errors.map((e) => e.stage)).toEqual(["parse", "parse", "skip"]);

    // Redelivered: nothing fetched or sent again, nothing counted twice.
    await consume([message], d, 2);
    expect(validate).toHaveLength(1);
    expect(await sourceHits(`scrape/${tag}.json`)).toBe(1);
    run = await runOf(runId);
    expect(run.sources[0]).toMatchObject({ fetched: 6, duplicates: 1 });
  });

  it("drops exact duplicates of stored questions and flags near ones for review", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const url = await putSource(
      `scrape/${tag}-dupes.json`,
      JSON.stringify({
        questions: [{ text: `Stored ${tag}?` }, { text: `Deja ${tag} vu?` }, { text: `Fresh ${tag}?` }],
      }),
    );
    const s = source("dupes", url);
    const { deps: d, validate } = deps();
    // First run: all three go to validation.
    const first = await newRun([s]);
    await consume([{ kind: "scrape", runId: first, source: s }], d);
    const [stored, deja] = validate[0]?.body.candidates ?? [];
    // Pretend validation stored two of them.
    for (const c of [stored, deja]) {
      if (!c) throw new Error("missing candidate");
      await indexFingerprints(
        env.DB,
        d.bands,
        [
          {
            contentHash: c.contentHash,
            questionId: c.id,
            simhash: c.simhash,
            bandKeys: similarity.bandKeys(c.simhash),
          },
        ],
        "now",
      );
    }
    await putSource(
      `scrape/${tag}-dupes.json`,
      JSON.stringify({
        questions: [{ text: `Stored ${tag}?` }, { text: `Deja ${tag} vu again?` }, { text: `Other ${tag}?` }],
      }),
    );
    const second = await newRun([s]);
    await consume([{ kind: "scrape", runId: second, source: s }], d);
    const candidates = validate[1]?.body.candidates ?? [];
    expect(candidates.map((c) => [c.text, c.nearDuplicateOf])).toEqual([
      [`Deja ${tag} vu again?`, deja?.id],
      [`Other ${tag}?`, null],
    ]);
    expect((await runOf(second)).sources[0]).toMatchObject({ parsed: 3, duplicates: 1 });
  });

  it("files the bands of fingerprints stored before the band index moved, then dedupes against them (0012's catch-up)", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    // Fixed wording of its own, so no other question of this file is near it, and one word added
    // keeps the pair's Jaccard at 9/10.
    const wording = "Which lighthouse keeper counted seventeen herons beside the frozen estuary at dawn?";
    const url = await putSource(`scrape/${tag}-old.json`, JSON.stringify({ questions: [{ text: wording }] }));
    const s = source("catch-up", url);
    const { deps: d, validate } = deps();
    await consume([{ kind: "scrape", runId: await newRun([s]), source: s }], d);
    const [old] = validate[0]?.body.candidates ?? [];
    if (!old) throw new Error("missing candidate");
    // Stored in D1 alone, as fingerprints were before 0012, which left the cursor.
    await env.DB.batch([
      ...fingerprintStatements(
        env.DB,
        [{ contentHash: old.contentHash, questionId: old.id, simhash: old.simhash }],
        "then",
      ),
      env.DB.prepare("INSERT OR REPLACE INTO band_index_backfill (id, after_key) VALUES (1, '')"),
    ]);
    await putSource(
      `scrape/${tag}-old.json`,
      JSON.stringify({ questions: [{ text: wording.replace("at dawn", "at dawn yesterday") }] }),
    );
    await consume([{ kind: "scrape", runId: await newRun([s]), source: s }], d);
    expect(validate[1]?.body.candidates.map((c) => c.nearDuplicateOf)).toEqual([old.id]);
  });

  it("retries a source that fails for now with backoff, and fails one that cannot work", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const flaky = source(
      "flaky",
      await putSource(`scrape/${tag}-flaky.json`, JSON.stringify({ questions: [{ text: `Flaky ${tag}?` }] }), {
        failTimes: 1,
      }),
    );
    const gone = source("gone", `${base}/status/404`);
    const unparseable = source("garbled", await putSource(`scrape/${tag}-garbled.json`, "{ not json"));
    const runId = await newRun([flaky, gone, unparseable]);
    const { deps: d, validate } = deps();
    const bodies = [flaky, gone, unparseable].map((s) => ({ kind: "scrape", runId, source: s }));
    const { batch, result, delays } = await consume(bodies, d);
    // Each message on its own: the failing source does not hold up the others.
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([batch.messages[0]?.id]);
    expect(result.explicitAcks.sort()).toEqual([batch.messages[1]?.id, batch.messages[2]?.id].sort());
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    let run = await runOf(runId);
    expect(Object.fromEntries(run.sources.map((s) => [s.id, s.status]))).toEqual({
      flaky: "running",
      gone: "failed",
      garbled: "failed",
    });
    expect(run.sources.find((s) => s.id === "garbled")?.errors[0]?.stage).toBe("parse");

    // The retry succeeds.
    await consume([bodies[0]], d, 2);
    expect(validate).toHaveLength(1);
    run = await runOf(runId);
    expect(run.sources.find((s) => s.id === "flaky")?.parsed).toBe(1);
  });

  it("retries when the source asks to be asked later, no sooner than it says", async () => {
    const s = source(
      "later",
      await putSource(`scrape/${crypto.randomUUID()}.json`, JSON.stringify({ retryLater: true })),
    );
    const runId = await newRun([s]);
    const { deps: d } = deps();
    const { result, delays } = await consume([{ kind: "scrape", runId, source: s }], d);
    expect(result.retryMessages).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(30);
  });

  it("spaces requests to OpenTDB: a second source within 5 s is re-queued with a delay", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const a = source("tdb-a", await putSource(`scrape/${tag}-a.json`, JSON.stringify({ questions: [] })), "opentdb");
    const b = source("tdb-b", await putSource(`scrape/${tag}-b.json`, JSON.stringify({ questions: [] })), "opentdb");
    const runId = await newRun([a, b]);
    const { deps: d, scrape } = deps();
    const { result } = await consume(
      [
        { kind: "scrape", runId, source: a },
        { kind: "scrape", runId, source: b },
      ],
      d,
    );
    expect(result.explicitAcks).toHaveLength(2);
    expect(scrape).toHaveLength(1);
    expect(scrape[0]?.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(scrape[0]?.delaySeconds).toBeLessThanOrEqual(5);
    const hits = (await sourceHits(`scrape/${tag}-a.json`)) + (await sourceHits(`scrape/${tag}-b.json`));
    expect(hits).toBe(1);
  });

  it("stores embedded media in R2 under its SHA-256, and reports media it cannot store", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const tag = crypto.randomUUID().slice(0, 6);
    const url = await putSource(
      `scrape/${tag}-media.json`,
      JSON.stringify({
        questions: [
          { text: `Which image ${tag}?`, media: [{ name: "a.png", base64: base64(png) }] },
          // Over the consumer's MEDIA_MAX_BYTES of 1000.
          { text: `Huge image ${tag}?`, media: [{ name: "huge.png", base64: base64(new Uint8Array(1001)) }] },
        ],
      }),
    );
    const s = source("media", url);
    const runId = await newRun([s]);
    const { deps: d, validate } = deps();
    await consume([{ kind: "scrape", runId, source: s }], d);
    const [withImage, huge] = validate[0]?.body.candidates ?? [];
    expect(withImage?.mediaKeys).toHaveLength(1);
    const key = withImage?.mediaKeys[0] ?? "";
    const digest = await crypto.subtle.digest("SHA-256", png);
    expect(key).toBe(`${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}.png`);
    const object = await env.MEDIA.get(key);
    // The type is sniffed from the bytes, not taken from the source.
    expect(object?.httpMetadata?.contentType).toBe("image/png");
    await object?.arrayBuffer();
    expect(huge?.mediaKeys).toEqual([]);
    const errors = (await runOf(runId)).sources[0]?.errors ?? [];
    expect(errors).toEqual([
      expect.objectContaining({ stage: "media", message: expect.stringContaining("huge.png: larger than 1000 bytes") }),
    ]);
  });

  it("sends an unreadable message to the dead-letter queue", async () => {
    const { deps: d, dead } = deps();
    const { result } = await consume([{ kind: "scrape", runId: "r", source: { id: "x" } }], d);
    expect(result.explicitAcks).toHaveLength(1);
    expect(dead).toEqual([
      { body: expect.objectContaining({ kind: "poison", queue: "edge-quiz-scrape" }), delaySeconds: undefined },
    ]);
  });
});

describe("scrape consumer with the format parsers", () => {
  it("finds near duplicates of questions that reached the edge copy another way (the seed bank)", async () => {
    // A fixed tag: SimHash with 4 bands of 16 bits guarantees a shared band only up to distance 3,
    // and with a random tag this pair sometimes landed past it (a flaky test, and a known limit).
    const tag = "x9";
    // SimHash over 3-word shingles is stable for long texts: here one distractor differs.
    const passage =
      // Fixed wording (no random tag): the expected distance, 3 bits, depends on every word.
      "Read the passage. The Tigris is the eastern of the two great rivers that define Mesopotamia, the other " +
      "being the Euphrates. The river flows south from the mountains of southeastern Turkey through Iraq and empties " +
      "into the Persian Gulf. Many ancient cities stood on its banks, and the capital of a modern country still does. " +
      "Which river flows through Baghdad?";
    const seeded = await candidate({
      text: passage,
      choices: [
        { id: "a", text: "Tigris" },
        { id: "b", text: "Nile" },
        { id: "c", text: "Danube" },
      ],
      answer: { kind: "choices", correct: ["a"] },
    });
    await upsertD1Questions(env.DB, [
      {
        ...seeded,
        difficulty: 2,
        bloomLevel: "remember",
        source: "seed",
        status: "active",
        calibratedDifficulty: null,
        version: 1,
        createdAt: "",
        updatedAt: "",
      },
    ]);
    const gift = `${passage.replace(/([~=#{}:\\])/g, "\\$1")}{=Tigris ~Nile ~Euphrates}\n`;
    const s: ScraperSource = {
      id: "near-seed",
      url: await putSource(`scrape/${tag}.gift`, gift),
      format: "gift",
      enabled: true,
      language: "en",
    };
    const runId = await newRun([s]);
    const validate = capture<ValidateMessage>();
    await consume([{ kind: "scrape", runId, source: s }], {
      ...scrapeConsumerDeps(env),
      validateQueue: validate.queue,
    });
    const [c] = validate.sent[0]?.body.candidates ?? [];
    expect(c?.contentHash).not.toBe(seeded.contentHash);
    expect(c?.nearDuplicateOf).toBe(seeded.id);
  });

  it("stores a Moodle XML embedded image in R2 and points the question text at it", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7, 7]);
    const tag = crypto.randomUUID().slice(0, 6);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Dot ${tag}</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>What colour is this dot (${tag})? <img src="@@PLUGINFILE@@/dot.png" alt="a dot"></p>]]></text>
      <file name="dot.png" path="/" encoding="base64">${btoa(String.fromCharCode(...png))}</file>
    </questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text>Red</text></answer>
    <answer fraction="0" format="html"><text>Blue</text></answer>
  </question>
</quiz>`;
    const s: ScraperSource = {
      id: "moodle",
      url: await putSource(`scrape/${tag}.xml`, xml),
      format: "moodle-xml",
      enabled: true,
      language: "en",
    };
    const runId = await newRun([s]);
    const validate = capture<ValidateMessage>();
    await consume([{ kind: "scrape", runId, source: s }], {
      ...scrapeConsumerDeps(env),
      validateQueue: validate.queue,
    });
    const [c] = validate.sent[0]?.body.candidates ?? [];
    const key = c?.mediaKeys[0] ?? "";
    expect(key).toBeTruthy();
    expect(c?.text).toContain(`![a dot](/api/media/${key})`);
    const object = await env.MEDIA.get(key);
    expect(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(png);
  });
});
