/**
 * Issue 9's "done when" under `npm run dev`: one run over an 8 MB hostile source of every
 * format plus a good GIFT source, while `/api/health` is polled back to back. Start the
 * platform first (`npm run dev`, PORT and ORIGIN_PORT as you like), then
 *
 *   node --experimental-transform-types --no-warnings scripts/bench/hostile-health.ts [--base http://127.0.0.1:8787] [--write]
 *
 * Prints each source's status and first error and the health latencies (count, p50, p95,
 * slowest, any failure); `--write` stores them in test/bench/results.json → "hostileHealth".
 */
import { HOSTILE_SOURCES } from "../../test/bench/hostile-inputs.ts";
import {
  baseUrl,
  describeSource,
  HOSTILE_SIZE,
  runSources,
  serveDocuments,
  sourcesFor,
  writeResult,
} from "./hostile-run.ts";

const args = process.argv.slice(2);
const BASE = baseUrl(args);

async function main(): Promise<void> {
  const { server, url } = await serveDocuments();
  let finished = false;
  const latencies: number[] = [];
  const failures: string[] = [];
  const poll = (async () => {
    while (!finished) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`status ${res.status}`);
      } catch (error) {
        failures.push(String(error));
      }
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const began = Date.now();
  const run = await runSources(BASE, sourcesFor(url, HOSTILE_SOURCES, true)).finally(() => {
    finished = true;
  });
  await poll;
  server.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const report = {
    measuredAt: new Date().toISOString(),
    method: `npm run dev; one run of ${HOSTILE_SOURCES.length} hostile sources of ${HOSTILE_SIZE} bytes and a good GIFT source; /api/health polled back to back (20 ms apart) until the run finished`,
    runStatus: run.status,
    runSeconds: (Date.now() - began) / 1000,
    sources: run.sources.map(describeSource),
    health: {
      requests: latencies.length,
      failures: failures.length,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      slowestMs: at(1),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  if (args.includes("--write")) await writeResult("hostileHealth", report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
