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
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";
import { applyD1Migrations, buildWorker, seedD1, startApp } from "../bench/worker-host.ts";
import { startEmbeddedOrigin } from "../lib/embedded-origin.ts";
import { migrateOrigin, seedOrigin } from "../lib/origin-setup.ts";
import { meterTypes } from "./metering.ts";
import { ITERATION, SCALE_DEFAULT, SEED_STAGES, SLEEP_S, scaledStages, totalSeconds } from "./scenario.ts";
import { formatSummary, summarize } from "./summary.ts";
import { runVirtualUsers } from "./virtual-users.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUILD_DIR = `${ROOT}test/bench/.tmp/load`;
const RESULTS = `${ROOT}test/bench/results.json`;
/** Requests per type in the metering pass. */
const METER_SAMPLES = 50;

const log = (message: string) => console.log(`\x1b[36m[load]\x1b[0m ${message}`);

const { values: args } = parseArgs({
  options: { full: { type: "boolean", default: false }, scale: { type: "string" } },
});
const scale = args.full ? 1 : Number(args.scale ?? SCALE_DEFAULT);
if (!(scale > 0)) throw new Error("--scale must be a positive number");
const stages = scale === 1 ? SEED_STAGES : scaledStages(scale);

async function main(): Promise<number> {
  log("building the Worker and its metered twin (wrangler deploy --dry-run)…");
  const bundle = buildWorker(BUILD_DIR);
  const meteredBundle = buildWorker(BUILD_DIR, "workers/metered.ts");
  const bank = await buildQuestionBank();
  const origin = await startEmbeddedOrigin({ port: 0 });
  try {
    await migrateOrigin(origin.url);
    await seedOrigin(origin.url, bank);
    const start = async (path: string) => {
      const mf = await startApp(path, origin.url);
      const base = await mf.ready;
      await applyD1Migrations(mf, `${ROOT}migrations/d1`);
      await seedD1(mf, bank);
      return { mf, base };
    };

    const app = await start(bundle);
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
    const figures = summarize(run, ITERATION);
    console.log(`\n${formatSummary(figures)}\n`);

    log(`metering: ${METER_SAMPLES} requests per type, one at a time…`);
    const metered = await start(meteredBundle);
    const billable = await meterTypes(
      metered.base,
      origin,
      ITERATION.map((req) => ({
        name: req.name,
        expect: [req.expect],
        request: () => ({ path: req.path, method: req.method, headers: req.headers, body: req.body }),
      })),
      METER_SAMPLES,
    );
    await metered.mf.dispose();
    for (const [name, m] of Object.entries(billable)) {
      const ops = Object.entries(m.per_request)
        .filter(([, n]) => n > 0)
        .map(([op, n]) => `${op}=${n}`)
        .join(" ");
      log(`${name}: ${ops}`);
    }

    const existing = await readFile(RESULTS, "utf8")
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => ({}));
    const load = {
      measuredAt: new Date().toISOString(),
      environment: "workerd via Miniflare (built bundle), in-memory KV/D1/R2, embedded PGlite origin; this machine",
      scale,
      stages,
      ...figures,
      billable,
    };
    await writeFile(RESULTS, `${JSON.stringify({ ...existing, load }, null, 2)}\n`);
    log(`written to ${RESULTS}`);
    return Object.values(figures.thresholds).every((t) => t.ok) ? 0 : 1;
  } finally {
    await origin.stop();
  }
}

process.exitCode = await main();
