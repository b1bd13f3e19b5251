import { env } from "cloudflare:test";
import { expect, inject, it } from "vitest";
import { defaultSettings } from "../../schemas/config-registry.ts";
import type { Candidate } from "../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { svgPolicyViolation } from "../../src/media/svg-policy.ts";
import { openOrigin } from "../../src/origin/client.ts";
import { htmlToText } from "../../src/pipeline/normalize/html-to-text.ts";
import { parseSource } from "../../src/pipeline/parsers/parse-source.ts";
import { recordProgress } from "../../src/pipeline/runs/run-progress.ts";
import { createRun } from "../../src/pipeline/runs/run-store.ts";
import { packCandidates } from "../../src/pipeline/scrape/batch-messages.ts";
import { buildCandidate, NO_MEDIA } from "../../src/pipeline/scrape/build-candidate.ts";
import { dedupe } from "../../src/pipeline/scrape/dedupe.ts";
import { nearDuplicateSignature as similarity } from "../../src/pipeline/scrape/near-duplicate-signature.ts";
import { parseFetchedSource } from "../../src/pipeline/scrape/parse-adapter.ts";
import { scrapeReceiptKey } from "../../src/pipeline/scrape/scrape-source.ts";
import { fingerprintStatements } from "../../src/pipeline/store/fingerprint-index.ts";
import { originEdgeSink } from "../../src/pipeline/store/origin-edge-sink.ts";
import { validateOffline } from "../../src/pipeline/validate/offline-validator.ts";
import { validateBatch } from "../../src/pipeline/validate/validate-batch.ts";
import { QuestionValidator } from "../../src/pipeline/validate/validate-question.ts";
import { type HostileCase, LINEAR_WORK_CASES, LINEARITY_CASES } from "./hostile-inputs.ts";
import { generateGift, syntheticTexts } from "./synthetic-questions.ts";

const QUESTIONS = 10_000;
const SCALES = [10_000, 50_000] as const;
const IMPORT_BATCH = 1_000;

const seconds = (ms: number) => Math.round(ms) / 1000;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function throughput() {
  const source = {
    id: "bench-gift",
    url: "https://bench.test/questions.gift",
    format: "gift",
    enabled: true,
    language: "en",
  } as ScraperSource;
  const body = new TextEncoder().encode(generateGift(QUESTIONS));

  const parse = await timed(() => parseFetchedSource(source, body));
  expect(parse.result.questions).toHaveLength(QUESTIONS);
  const build = await timed(async () => {
    const out: Candidate[] = [];
    for (const q of parse.result.questions) {
      const built = await buildCandidate(q, source, NO_MEDIA, similarity);
      if ("candidate" in built) out.push(built.candidate);
    }
    return out;
  });
  expect(build.result).toHaveLength(QUESTIONS);
  const dedup = await timed(() => dedupe(env.DB, build.result, similarity));
  const validate = await timed(async () => build.result.map((c) => validateOffline(c)));

  // Validation again (offline, cheap) and the store: origin, D1, duplicate index.
  const runId = "run_bench";
  const { messages } = packCandidates(runId, source.id, dedup.result.fresh);
  await createRun(env.DB, { id: runId, trigger: "manual", dueAt: null, requestedBy: null, sources: [source], now: "" });
  await recordProgress(env.DB, {
    runId,
    sourceId: source.id,
    receiptKey: scrapeReceiptKey(runId, source.id),
    progress: { batchesTotal: messages.length },
    now: "",
  });
  const origin = openOrigin(env.ORIGIN);
  const deps = {
    db: env.DB,
    sink: originEdgeSink({ origin, env }),
    validator: new QuestionValidator(env.DB, defaultSettings(), null),
    minQualityScore: 0.6,
    bandKeys: similarity.bandKeys,
  };
  const store = await timed(async () => {
    for (const message of messages) await validateBatch(message, deps);
  });
  const [row] = await origin.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM questions WHERE source = ${source.id}`;
  const storeOnlyMs = Math.max(0, store.ms - validate.ms);
  const total = parse.ms + build.ms + dedup.ms + store.ms;
  const stage = (ms: number) => ({ seconds: seconds(ms), questionsPerSecond: rate(QUESTIONS, ms) });
  return {
    questions: QUESTIONS,
    format: "gift (generated: single choice, multiple answer, true/false, numeric, short answer)",
    stored: row?.n ?? 0,
    seconds: seconds(total),
    questionsPerSecond: rate(QUESTIONS, total),
    stages: {
      parse: stage(parse.ms),
      "normalize-hash-signature": stage(build.ms),
      dedupe: stage(dedup.ms),
      "offline-validation": stage(validate.ms),
      "store (origin + D1 + cache purge + duplicate index)": stage(storeOnlyMs),
    },
  };
}

async function clearIndex(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM simhash_bands"),
    env.DB.prepare("DELETE FROM question_fingerprints"),
  ]);
}

async function entries(texts: string[]) {
  return Promise.all(
    texts.map(async (text, i) => {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
      const contentHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      return { id: `q_bench${i}`, contentHash, simhash: similarity.signature(text) };
    }),
  );
}

/** Imports `n` questions the way the pipeline does: dedupe each batch against the store, then index it. */
async function dedupeScale(n: number) {
  await clearIndex();
  const items = await entries(syntheticTexts(n, n));
  let flagged = 0;
  let lookupMs = 0;
  const run = await timed(async () => {
    for (let i = 0; i < items.length; i += IMPORT_BATCH) {
      const batch = items.slice(i, i + IMPORT_BATCH);
      const looked = await timed(() => dedupe(env.DB, batch, similarity));
      lookupMs += looked.ms;
      const { fresh } = looked.result;
      flagged += fresh.filter((f) => f.nearDuplicateOf).length;
      const statements = fingerprintStatements(
        env.DB,
        fresh.map((f) => ({ ...f, questionId: f.id, bandKeys: similarity.bandKeys(f.simhash) })),
        "bench",
      );
      for (let j = 0; j < statements.length; j += 500) await env.DB.batch(statements.slice(j, j + 500));
    }
  });
  // Batches of new questions against the full store: the per-batch cost at this size (median of 3).
  const probes: number[] = [];
  for (let k = 1; k <= 3; k++) {
    const probe = await entries(syntheticTexts(IMPORT_BATCH, n + k));
    probes.push((await timed(() => dedupe(env.DB, probe, similarity))).ms);
  }
  const lookup = { ms: probes.sort((a, b) => a - b)[1] ?? 0 };
  return {
    stored: n,
    seconds: seconds(run.ms),
    microsecondsPerQuestion: Math.round((run.ms * 1000) / n),
    dedupeLookupSeconds: seconds(lookupMs),
    indexWriteSeconds: seconds(run.ms - lookupMs),
    nearDuplicatesFlagged: flagged,
    medianLookupOf1000AgainstFullStoreMs: Math.round(lookup.ms),
  };
}

/** Input sizes: the table for its cases, about 10,000 records for the others. */
const LINEARITY_BYTES: Record<string, number> = {
  "unbalanced XML tags (<a>x</b>…)": 140_000,
  "a GIFT line of spaces": 25_000,
  "<title></title> in HTML": 150_000,
  "an SVG with an unclosed tag": 50_000,
};

async function runHostile(c: HostileCase, text: string): Promise<void> {
  if (c.format === "svg") svgPolicyViolation(text);
  else if (c.format === "html-text") htmlToText(text);
  else {
    const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
    const selectors = { item: "li", question: "b", correct: "i", incorrect: "s" };
    const source = {
      id: "linearity",
      url: "https://bench.test/",
      format: c.format,
      enabled: true,
      language: "en",
      maxRecords: 100_000,
      columns: mapping,
      fields: mapping,
      selectors,
    } as ScraperSource;
    await parseSource(source, new TextEncoder().encode(text)).catch(() => undefined);
  }
}

/** Each input against its double, median of 3 after a warm-up: linear code gives a ratio near 2. */
async function linearity() {
  const rows = [];
  for (const c of [...LINEARITY_CASES, ...LINEAR_WORK_CASES]) {
    const bytes = LINEARITY_BYTES[c.name] ?? 400_000;
    const [small, large] = [c.make(bytes), c.make(2 * bytes)];
    await runHostile(c, small);
    const median = async (text: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await timed(() => runHostile(c, text))).ms);
      return times.sort((a, b) => a - b)[1] ?? 0;
    };
    const ms = await median(small);
    const doubledMs = await median(large);
    rows.push({
      input: c.name,
      bytes,
      ms: Math.round(ms * 10) / 10,
      doubledMs: Math.round(doubledMs * 10) / 10,
      ratio: Math.round((doubledMs / Math.max(ms, 0.01)) * 100) / 100,
    });
  }
  return rows;
}

it("measures the pipeline", async () => {
  const parserLinearity = await linearity();
  const figures = await throughput();
  const scales = [];
  for (const n of SCALES) scales.push(await dedupeScale(n));
  const [small, large] = scales;
  const result = {
    measuredAt: new Date().toISOString(),
    environment: "workerd via @cloudflare/vitest-plugin; local D1 (SQLite); embedded PGlite origin through Hyperdrive",
    parserLinearity: {
      method: "each input and its double through the importer (median of 3 after a warm-up); linear ≈ 2, quadratic ≈ 4",
      cases: parserLinearity,
    },
    throughput: figures,
    dedupeScaling: {
      method: `import N synthetic questions in batches of ${IMPORT_BATCH}: each batch deduplicated against everything stored (SimHash band lookups), then indexed`,
      runs: scales,
      timeRatio50kTo10k: small && large ? Math.round((large.seconds / small.seconds) * 100) / 100 : null,
      linearWouldBe: 5,
      quadraticWouldBe: 25,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  await fetch(inject("benchCollectorUrl"), { method: "POST", body: JSON.stringify(result) });
});
