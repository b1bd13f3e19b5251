/**
 * Issue 9's "done when" under `npm run dev`: one run over an 8 MB hostile source of every
 * format plus a good GIFT source, while `/api/health` is polled back to back. Start the
 * platform first (`npm run dev`, PORT and ORIGIN_PORT as you like), then
 *
 *   node --experimental-transform-types --no-warnings scripts/bench/hostile-health.ts [--base http://127.0.0.1:8787] [--write]
 *
 * The documents are served from memory by a server on 127.0.0.1 (allowed by .dev.vars'
 * SCRAPER_ALLOWED_PRIVATE_HOSTS). Prints each source's status and first error and the health
 * latencies (count, p50, p95, slowest, any non-200); `--write` stores them in
 * test/bench/results.json → "hostileHealth". The editor and viewer tokens are .dev.vars.example's.
 */
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { HOSTILE_SOURCES } from "../../test/bench/hostile-inputs.ts";

const args = process.argv.slice(2);
const BASE = args[args.indexOf("--base") + 1]?.startsWith("http") ? args[args.indexOf("--base") + 1] : "http://127.0.0.1:8787";
const EDITOR = { authorization: "Bearer dev-editor-token", "content-type": "application/json" };
const VIEWER = { authorization: "Bearer dev-viewer-token" };
/** Just under the fetch cap (8 MB), so each document reaches its parser. */
const SIZE = 8 * 1024 * 1024 - 64 * 1024;
const RUN_TIMEOUT_MS = 5 * 60_000;

const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
const optionsFor: Record<string, Record<string, unknown>> = {
  csv: { columns: mapping },
  json: { fields: mapping },
  html: { selectors: { item: "li", question: "b", correct: "i", incorrect: "s" } },
};

interface RunSource {
  id: string;
  status: string;
  accepted?: number;
  errors: { message: string }[];
}

async function main(): Promise<void> {
  const tag = Date.now().toString(36);
  const files = new Map<string, string>();
  HOSTILE_SOURCES.forEach((c, i) => files.set(`/hostile-${i}`, c.make(SIZE)));
  files.set("/good.gift", `Which planet is closest to the Sun (${tag})?{~Venus =Mercury ~Mars}\n`);
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? "");
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain; charset=utf-8" });
    res.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const fileBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sources = [
    ...HOSTILE_SOURCES.map((c, i) => ({
      id: `hostile-${i}`,
      url: `${fileBase}/hostile-${i}`,
      format: c.format,
      enabled: true,
      language: "en",
      ...optionsFor[c.format],
    })),
    { id: "good", url: `${fileBase}/good.gift`, format: "gift", enabled: true, language: "en" },
  ];
  const put = await fetch(`${BASE}/api/admin/config/scraper.sources`, {
    method: "PUT",
    headers: EDITOR,
    body: JSON.stringify({ value: sources }),
  });
  if (!put.ok) throw new Error(`saving scraper.sources: ${put.status} ${await put.text()}`);
  const start = await fetch(`${BASE}/api/admin/scraper/run`, { method: "POST", headers: EDITOR, body: "{}" });
  if (start.status !== 202) throw new Error(`starting the run: ${start.status} ${await start.text()}`);
  const { id } = (await start.json()) as { id: string };

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
  let run: { status: string; sources: RunSource[] } | undefined;
  while (Date.now() - began < RUN_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`${BASE}/api/admin/scraper/runs/${id}`, { headers: VIEWER });
    run = (await res.json()) as typeof run;
    if (run && (run.status === "completed" || run.status === "failed")) break;
  }
  finished = true;
  await poll;
  server.close();
  const runSeconds = (Date.now() - began) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const report = {
    measuredAt: new Date().toISOString(),
    method: `npm run dev; one run of ${HOSTILE_SOURCES.length} hostile sources of ${SIZE} bytes and a good GIFT source; /api/health polled back to back (20 ms apart) until the run finished`,
    runStatus: run?.status ?? "unknown",
    runSeconds,
    sources: (run?.sources ?? []).map((s) => {
      const c = HOSTILE_SOURCES[Number(s.id.replace("hostile-", ""))];
      return {
        source: s.id === "good" ? "good GIFT" : `${c?.format}: ${c?.name}`,
        status: s.status,
        ...(s.id === "good" ? { accepted: s.accepted } : {}),
        reason: s.errors[0]?.message ?? null,
      };
    }),
    health: { requests: latencies.length, failures: failures.length, p50Ms: at(0.5), p95Ms: at(0.95), slowestMs: at(1) },
  };
  console.log(JSON.stringify(report, null, 2));
  if (args.includes("--write")) {
    const path = fileURLToPath(new URL("../../test/bench/results.json", import.meta.url));
    const results = JSON.parse(await readFile(path, "utf8"));
    results.hostileHealth = report;
    await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
