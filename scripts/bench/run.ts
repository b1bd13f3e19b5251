/**
 * `npm run bench`: builds the Worker, runs it in workerd (Miniflare, no `wrangler dev` proxy)
 * against the embedded PGlite origin, and drives every case with the same load generator.
 * Writes test/bench/results.json. `--miniflare-ratelimit` also measures the memory case with
 * Miniflare's simulation of the rate-limit binding (see worker-host.ts). `--sessions-only` runs
 * only the session cases (with their own hello-world figures, under "sessions").
 */
import { readFile, writeFile } from "node:fs/promises";
import type { Miniflare } from "miniflare";
import type { Question } from "../../schemas/question.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";
import { startEmbeddedOrigin } from "../lib/embedded-origin.ts";
import { migrateOrigin, seedOrigin } from "../lib/origin-setup.ts";
import { syntheticQuestions, zipfSample } from "./fixtures.ts";
import { combine, type LoadResult, runLoad } from "./load.ts";
import { benchSessions, type SessionFigures } from "./sessions.ts";
import {
  applyD1Migrations,
  BENCH_VIEWER_TOKEN,
  buildWorker,
  seedD1,
  startApp,
  startHelloWorld,
} from "./worker-host.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUILD_DIR = `${ROOT}test/bench/.tmp/build`;
const RESULTS = `${ROOT}test/bench/results.json`;

const CONCURRENCY = 50;
/** Hello world and the memory case alternate in rounds, so changing machine load hits both alike. */
const ROUNDS = 8;
const PER_ROUND = 3_000;
const REQUESTS = { kv: 5_000, d1: 4_000, origin: 2_000 };
const WARMUP = 2_000;
const ZIPF = { requests: 10_000, s: 1.1 };
const COALESCING = 200;

type Figures = { rps: number; p50_ms: number; p99_ms: number };

const log = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

function build(): string {
  log("building the Worker (wrangler deploy --dry-run)…");
  return buildWorker(BUILD_DIR);
}

async function originQueries(base: URL): Promise<number> {
  const res = await fetch(new URL("/api/admin/cache/stats", base), {
    headers: { authorization: `Bearer ${BENCH_VIEWER_TOKEN}` },
  });
  return ((await res.json()) as { originQueries: number }).originQueries;
}

function figures(name: string, r: LoadResult): Figures {
  const statuses = Object.entries(r.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  log(`${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  (${statuses})`);
  if (Object.keys(r.statuses).some((s) => s !== "200")) throw new Error(`${name}: non-200 responses`);
  return { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms };
}

/** Entries as the KV tier writes them (epoch 0: no purge has happened). */
async function seedKv(mf: Miniflare, rows: Question[]): Promise<void> {
  const kv = await mf.getKVNamespace("QUESTIONS_KV");
  const storedAt = Date.now();
  for (let i = 0; i < rows.length; i += 50) {
    await Promise.all(rows.slice(i, i + 50).map((q) => kv.put(`q:0:${q.id}`, JSON.stringify({ v: q, t: storedAt }))));
  }
}

/** The session cases on a fresh app whose edge copy (D1) holds the bank, beside their own hello world. */
async function sessionCases(bundle: string, originUrl: string, bank: Question[]): Promise<SessionFigures> {
  log("sessions: a fresh app instance with the bank in D1…");
  const hello = startHelloWorld();
  const app = await startApp(bundle, originUrl);
  try {
    const [helloBase, base] = await Promise.all([hello.ready, app.ready]);
    await applyD1Migrations(app, `${ROOT}migrations/d1`);
    await seedD1(app, bank);
    return await benchSessions(base, helloBase, bank);
  } finally {
    await Promise.all([hello.dispose(), app.dispose()]);
  }
}

async function writeResults(results: Record<string, unknown>): Promise<void> {
  // Other benches (the pipeline's, the adaptive simulation) keep their own keys in the same file.
  const existing = await readFile(RESULTS, "utf8")
    .then((text) => JSON.parse(text) as Record<string, unknown>)
    .catch(() => ({}));
  await writeFile(RESULTS, `${JSON.stringify({ ...existing, ...results }, null, 2)}\n`);
  log(`written to ${RESULTS}`);
}

async function sessionsOnly(): Promise<void> {
  const bundle = build();
  const bank = await buildQuestionBank();
  const origin = await startEmbeddedOrigin({ port: 0 });
  try {
    await migrateOrigin(origin.url);
    await seedOrigin(origin.url, bank);
    const sessions = await sessionCases(bundle, origin.url, bank);
    await writeResults({ sessions: { measuredAt: new Date().toISOString(), ...sessions } });
    log(
      `session_answer/hello: rps ×${sessions.ratio_answer_to_hello_rps} (target >= 0.25), p99 ×${sessions.ratio_answer_to_hello_p99} (target <= 5)`,
    );
  } finally {
    await origin.stop();
  }
}

const load = (base: URL, path: (i: number) => string, requests: number, concurrency = CONCURRENCY) =>
  runLoad({ base, path, requests, concurrency });

async function main(): Promise<void> {
  const withMiniflareRateLimit = process.argv.includes("--miniflare-ratelimit");
  const bundle = build();
  const bank = await buildQuestionBank();
  const inKv = syntheticQuestions(bank, "kv", REQUESTS.kv);
  const inD1 = syntheticQuestions(bank, "d1", REQUESTS.d1);
  const atOrigin = syntheticQuestions(bank, "origin", REQUESTS.origin + 1);
  const coldForCoalescing = atOrigin.pop() as Question;
  const hot = bank[0] as Question;

  log("starting the embedded origin (PGlite)…");
  const origin = await startEmbeddedOrigin({ port: 0 });
  try {
    await migrateOrigin(origin.url);
    await seedOrigin(origin.url, [...bank, ...atOrigin, coldForCoalescing]);

    log("starting hello world and the app; seeding each tier…");
    const hello = startHelloWorld();
    const helloBase = await hello.ready;
    const app = await startApp(bundle, origin.url);
    const base = await app.ready;
    await applyD1Migrations(app, `${ROOT}migrations/d1`);
    await seedD1(app, inD1);
    await seedKv(app, inKv);

    // (a) and (b): the harness's ceiling and the memory tier, interleaved.
    const hotPath = () => `/api/questions/${hot.id}`;
    await load(helloBase, () => "/", WARMUP);
    await load(base, hotPath, WARMUP);
    const helloRuns: LoadResult[] = [];
    const memoryRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      helloRuns.push(await load(helloBase, () => "/", PER_ROUND));
      memoryRuns.push(await load(base, hotPath, PER_ROUND));
      log(`round ${round + 1}: hello ${helloRuns[round]?.rps} req/s, memory ${memoryRuns[round]?.rps} req/s`);
    }
    const helloWorld = figures("hello_world", combine(helloRuns));
    const memory = figures("question_memory", combine(memoryRuns));
    await hello.dispose();

    // (c)-(e): every request asks for an id only that tier holds, so memory never answers.
    const kv = figures("question_kv", await load(base, (i) => `/api/questions/${inKv[i]?.id}`, inKv.length));
    const d1 = figures("question_d1", await load(base, (i) => `/api/questions/${inD1[i]?.id}`, inD1.length));
    const beforeOrigin = await originQueries(base);
    const fromOrigin = figures(
      "question_origin",
      await load(base, (i) => `/api/questions/${atOrigin[i]?.id}`, atOrigin.length),
    );
    log(`origin case: ${(await originQueries(base)) - beforeOrigin} origin queries for ${atOrigin.length} ids`);

    const beforeBurst = await originQueries(base);
    figures("coalescing", await load(base, () => `/api/questions/${coldForCoalescing.id}`, COALESCING, COALESCING));
    const coalescing = { concurrent: COALESCING, origin_queries: (await originQueries(base)) - beforeBurst };
    await app.dispose();

    // Zipf over the whole bank with a cold edge (empty KV and D1, fresh isolate memory).
    log("zipf: a fresh app instance with a cold edge…");
    const cold = await startApp(bundle, origin.url);
    const coldBase = await cold.ready;
    await applyD1Migrations(cold, `${ROOT}migrations/d1`);
    const sample = zipfSample(
      bank.map((q) => q.id),
      ZIPF.s,
      ZIPF.requests,
    );
    figures("zipf", await load(coldBase, (i) => `/api/questions/${sample[i]}`, sample.length));
    const zipf = {
      requests: ZIPF.requests,
      distinct_ids: new Set(sample).size,
      origin_queries: await originQueries(coldBase),
    };
    await cold.dispose();

    if (withMiniflareRateLimit) {
      const simulated = await startApp(bundle, origin.url, { miniflareRateLimit: true });
      const simulatedBase = await simulated.ready;
      await applyD1Migrations(simulated, `${ROOT}migrations/d1`);
      await load(simulatedBase, hotPath, WARMUP);
      figures("memory+mf-limiter", await load(simulatedBase, hotPath, PER_ROUND * 2));
      await simulated.dispose();
    }

    const sessions = await sessionCases(bundle, origin.url, bank);

    const results = {
      sessions: { measuredAt: new Date().toISOString(), ...sessions },
      hello_world: helloWorld,
      question_memory: memory,
      question_kv: kv,
      question_d1: d1,
      question_origin: fromOrigin,
      ratio_memory_to_hello: Math.round((memory.rps / helloWorld.rps) * 100) / 100,
      zipf,
      coalescing,
    };
    await writeResults(results);
    log(`ratio memory/hello ${results.ratio_memory_to_hello} (target >= 0.7)`);
    log(`zipf ${JSON.stringify(zipf)} (target: origin_queries <= distinct_ids)`);
    log(`coalescing ${JSON.stringify(coalescing)} (target: origin_queries == 1)`);
  } finally {
    await origin.stop();
  }
}

await (process.argv.includes("--sessions-only") ? sessionsOnly() : main());
