/**
 * What the hostile-source scripts share: the 8 MB documents of test/bench/hostile-inputs.ts
 * served from memory on 127.0.0.1 (allowed by .dev.vars' SCRAPER_ALLOWED_PRIVATE_HOSTS), and
 * a scrape run over some of them under `npm run dev`, through the admin API with the tokens of
 * .dev.vars.example.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HOSTILE_SOURCES, type HostileCase } from "../../test/bench/hostile-inputs.ts";

const EDITOR = { authorization: "Bearer dev-editor-token", "content-type": "application/json" };
const VIEWER = { authorization: "Bearer dev-viewer-token" };
/** Just under the fetch cap (8 MB), so each document reaches its parser. */
export const HOSTILE_SIZE = 8 * 1024 * 1024 - 64 * 1024;
const RUN_TIMEOUT_MS = 5 * 60_000;

const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
const optionsFor: Record<string, Record<string, unknown>> = {
  csv: { columns: mapping },
  json: { fields: mapping },
  html: { selectors: { item: "li", question: "b", correct: "i", incorrect: "s" } },
};

export interface RunSource {
  id: string;
  status: string;
  accepted?: number;
  errors: { message: string }[];
}

export function baseUrl(args: string[]): string {
  const at = args.indexOf("--base");
  return at >= 0 && args[at + 1] ? String(args[at + 1]) : "http://127.0.0.1:8787";
}

/** Serves every hostile document (`/hostile-<i>`) and a good GIFT file (`/good.gift`). */
export async function serveDocuments(): Promise<{ server: Server; url: string }> {
  const files = new Map<string, string>();
  for (const [i, c] of HOSTILE_SOURCES.entries()) files.set(`/hostile-${i}`, c.make(HOSTILE_SIZE));
  files.set("/good.gift", `Which planet is closest to the Sun (${Date.now().toString(36)})?{~Venus =Mercury ~Mars}\n`);
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? "");
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain; charset=utf-8" });
    res.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The scraper sources for the given hostile cases, and the good GIFT source if asked. */
export function sourcesFor(fileBase: string, cases: HostileCase[], withGood: boolean) {
  return [
    ...cases.map((c) => {
      const i = HOSTILE_SOURCES.indexOf(c as (typeof HOSTILE_SOURCES)[number]);
      return {
        id: `hostile-${i}`,
        url: `${fileBase}/hostile-${i}`,
        format: c.format,
        enabled: true,
        language: "en",
        ...optionsFor[c.format],
      };
    }),
    ...(withGood ? [{ id: "good", url: `${fileBase}/good.gift`, format: "gift", enabled: true, language: "en" }] : []),
  ];
}

/** Saves the sources, starts a run, and resolves with it once it has finished. */
export async function runSources(base: string, sources: unknown[]): Promise<{ status: string; sources: RunSource[] }> {
  const put = await fetch(`${base}/api/admin/config/scraper.sources`, {
    method: "PUT",
    headers: EDITOR,
    body: JSON.stringify({ value: sources }),
  });
  if (!put.ok) throw new Error(`saving scraper.sources: ${put.status} ${await put.text()}`);
  const start = await fetch(`${base}/api/admin/scraper/run`, { method: "POST", headers: EDITOR, body: "{}" });
  if (start.status !== 202) throw new Error(`starting the run: ${start.status} ${await start.text()}`);
  const { id } = (await start.json()) as { id: string };
  const began = Date.now();
  while (Date.now() - began < RUN_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 500));
    const run = (await (await fetch(`${base}/api/admin/scraper/runs/${id}`, { headers: VIEWER })).json()) as {
      status: string;
      sources: RunSource[];
    };
    if (run.status === "completed" || run.status === "failed") return run;
  }
  throw new Error(`run ${id} did not finish in ${RUN_TIMEOUT_MS / 1000} s`);
}

/** How a run's source reads in a report. */
export function describeSource(s: RunSource) {
  const c = HOSTILE_SOURCES[Number(s.id.replace("hostile-", ""))];
  return {
    source: s.id === "good" ? "good GIFT" : `${c?.format}: ${c?.name}`,
    status: s.status,
    ...(s.id === "good" ? { accepted: s.accepted } : {}),
    reason: s.errors[0]?.message ?? null,
  };
}

/** Stores a report in test/bench/results.json under `key`, leaving the other keys as they were. */
export async function writeResult(key: string, report: unknown): Promise<void> {
  const { readFile, writeFile } = await import("node:fs/promises");
  const path = new URL("../../test/bench/results.json", import.meta.url).pathname;
  const results = JSON.parse(await readFile(path, "utf8"));
  results[key] = report;
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
