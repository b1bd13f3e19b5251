/**
 * `npm run load`: the seed's k6 scenario (test/load/k6-test.js) reproduced in Node against the
 * built Worker in workerd (Miniflare, as the bench runs it) with the embedded PGlite origin,
 * then a metering pass that counts each request type's billable operations. Prints a k6-like
 * summary, writes "load" to test/bench/results.json (other keys kept) and exits non-zero when a
 * threshold fails.
 *
 *   npm run load                # the seed's stages scaled to 2 min 40 s
 *   npm run load -- --full      # the seed's 16 minutes
 *   npm run load -- --scale 0.1 # any other scale
 *   npm run load -- --meter-only # only the metering pass (keeps the last scenario's figures)
 *   npm run load -- --redis      # the scenario with Upstash Redis too (the global limits, leaderboards)
 *
 * The metering pass always runs with Redis (the Upstash REST bridge in front of a redis-server),
 * so the Redis commands the Worker sends are counted. The scenario runs without it unless
 * `--redis`: with it, the global limit of 30 session starts a minute per learner refuses the
 * seed's own loop (a start a second per user), as it should in production.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Miniflare } from "miniflare";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";
import { runLoad } from "../bench/load.ts";
import { applyD1Migrations, BENCH_JWT_SECRET, buildWorker, seedD1, startApp } from "../bench/worker-host.ts";
import { type EmbeddedOrigin, startEmbeddedOrigin } from "../lib/embedded-origin.ts";
import { migrateOrigin, seedOrigin } from "../lib/origin-setup.ts";
import { startUpstashBridge } from "../lib/upstash-bridge.ts";
import { meteredTypes } from "./learner-profile.ts";
import { type MeteringResult, meterTypes } from "./metering.ts";
import { ITERATION, SCALE_DEFAULT, SEED_STAGES, SLEEP_S, scaledStages, totalSeconds } from "./scenario.ts";
import { formatSummary, type LoadFigures, summarize } from "./summary.ts";
import { runVirtualUsers } from "./virtual-users.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUILD_DIR = `${ROOT}test/bench/.tmp/load`;
const RESULTS = `${ROOT}test/bench/results.json`;
/** Requests per type in the metering pass. */
const METER_SAMPLES = 100;
/** Random picks before metering: several times the bank, so the isolate's memory holds it. */
const WARMUP = 8_000;
/** Anonymous starts before metering: 256 shared objects are each hit about eight times. */
const ANONYMOUS_WARMUP = 2_000;

const log = (message: string) => console.log(`\x1b[36m[load]\x1b[0m ${message}`);

// Miniflare keeps every simulator's state (one SQLite file per Durable Object, KV, D1) under the
// temporary directory. On a disk each new object's file is created and synced: an anonymous
// session start (a new object) took 36 ms alone here, against 5 ms in memory. The simulators
// stand in for Cloudflare's storage, not for this disk, so they run in tmpfs where there is one.
if (!process.env.TMPDIR && existsSync("/dev/shm")) process.env.TMPDIR = "/dev/shm";

const { values: args } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    scale: { type: "string" },
    // Only the metering pass (to look at the counts without the scenario's minutes).
    "meter-only": { type: "boolean", default: false },
    redis: { type: "boolean", default: false },
  },
});
const scale = args.full ? 1 : Number(args.scale ?? SCALE_DEFAULT);
if (!(scale > 0)) throw new Error("--scale must be a positive number");
const stages = scale === 1 ? SEED_STAGES : scaledStages(scale);

type App = { mf: Miniflare; base: URL };

/** The seed's scenario against a fresh instance of the Worker. */
async function scenario(app: App): Promise<LoadFigures> {
  const plan = stages.map((s) => `${s.durationS}s→${s.target}`).join(", ");
  log(`running the seed's scenario: ${plan} (${totalSeconds(stages)} s in all)`);
  const run = await runVirtualUsers({
    base: app.base,
    stages,
    iteration: ITERATION,
    sleepS: SLEEP_S,
    progress: (t, vus, samples) => log(`t=${Math.round(t)}s vus=${vus} requests=${samples.length}`),
  });
  await app.mf.dispose();
  return summarize(run, ITERATION);
}

/** Each request type's billable operations, from the metered twin of the Worker. */
async function metering(app: App, origin: EmbeddedOrigin): Promise<Record<string, MeteringResult>> {
  log(`metering: ${METER_SAMPLES} requests per type, one at a time, after a warm-up…`);
  const warmup = async () => {
    // A long-running isolate has the bank in memory: several random picks per question.
    await runLoad({ base: app.base, path: () => "/api/questions/random", requests: WARMUP, concurrency: 20 });
    // A running platform's shared anonymous objects exist: enough starts to have created all 256.
    const start = ITERATION.find((r) => r.method === "POST") as (typeof ITERATION)[number];
    await runLoad({ base: app.base, path: () => start, requests: ANONYMOUS_WARMUP, concurrency: 20 });
  };
  const billable = await meterTypes(app.base, origin, await meteredTypes(BENCH_JWT_SECRET, METER_SAMPLES), warmup);
  await app.mf.dispose();
  for (const [name, m] of Object.entries(billable)) {
    const ops = Object.entries(m.per_request)
      .filter(([, n]) => n > 0)
      .map(([op, n]) => `${op}=${n}`)
      .join(" ");
    log(
      `${name} (${m.alone_p50_ms} ms alone; ${Object.entries(m.statuses)
        .map(([st, n]) => `${st}×${n}`)
        .join(" ")}): ${ops}`,
    );
  }
  return billable;
}

async function main(): Promise<number> {
  log("building the Worker and its metered twin (wrangler deploy --dry-run)…");
  const bundle = buildWorker(BUILD_DIR);
  const meteredBundle = buildWorker(BUILD_DIR, "workers/metered.ts");
  const bank = await buildQuestionBank();
  const origin = await startEmbeddedOrigin({ port: 0 });
  const redis = await startUpstashBridge({ token: "load-upstash-token", log });
  const redisVars = { UPSTASH_REDIS_REST_URL: redis.url, UPSTASH_REDIS_REST_TOKEN: redis.token };
  try {
    await migrateOrigin(origin.url);
    await seedOrigin(origin.url, bank);
    const start = async (path: string, withRedis: boolean): Promise<App> => {
      const mf = await startApp(path, origin.url, { vars: withRedis ? redisVars : {} });
      const base = await mf.ready;
      await applyD1Migrations(mf, `${ROOT}migrations/d1`);
      await seedD1(mf, bank);
      return { mf, base };
    };

    const figures = args["meter-only"] ? null : await scenario(await start(bundle, args.redis));
    if (figures) console.log(`\n${formatSummary(figures)}\n`);
    const billable = await metering(await start(meteredBundle, true), origin);

    const existing = await readFile(RESULTS, "utf8")
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => ({}) as Record<string, unknown>);
    const previous = (existing.load ?? {}) as Record<string, unknown>;
    const load = figures
      ? {
          measuredAt: new Date().toISOString(),
          environment: `workerd via Miniflare (built bundle), simulators in tmpfs, embedded PGlite origin${args.redis ? ", Upstash REST bridge to redis-server" : ", no Redis"}; this machine`,
          scale,
          stages,
          ...figures,
          billable,
        }
      : { ...previous, billable };
    await writeFile(RESULTS, `${JSON.stringify({ ...existing, load }, null, 2)}\n`);
    log(`written to ${RESULTS}`);
    return figures && !Object.values(figures.thresholds).every((t) => t.ok) ? 1 : 0;
  } finally {
    await origin.stop();
    await redis.stop();
  }
}

process.exitCode = await main();
