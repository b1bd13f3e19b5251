/**
 * The heap of the Worker's isolate while it parses each 8 MB hostile source, measured inside
 * workerd (Node has no HTMLRewriter, so the HTML parser cannot be measured there). Start the
 * platform with its inspector on a port of your own,
 *
 *   npm run dev -- --inspector-port 9229
 *   node --experimental-transform-types --no-warnings scripts/bench/hostile-heap.ts [--base http://127.0.0.1:8787] [--inspector 9229] [--write]
 *
 * For each source alone in a run: a full GC, then the heap sampled through the DevTools
 * protocol (`Runtime.getHeapUsage`) every 10 ms until the run finishes. The protocol is served
 * between the isolate's tasks, so a sample falls where a parser gives the event loop a turn
 * (every few ms, see src/pipeline/parsers/cooperative.ts): peaks inside a slice can be missed,
 * which `totalSize` (the heap V8 reserved, which it does not give back at once) bounds.
 * `--write` stores the figures in test/bench/results.json → "hostileHeap".
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
const INSPECTOR =
  args[args.indexOf("--inspector") + 1] && args.includes("--inspector")
    ? args[args.indexOf("--inspector") + 1]
    : "9229";
const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

async function connect(): Promise<(method: string, params?: object) => Promise<unknown>> {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json()) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error(`no inspector target on port ${INSPECTOR}`);
  // wrangler's inspector proxy wants an Origin header, which Node's WebSocket sends when given.
  const ws = new WebSocket(target.webSocketDebuggerUrl, {
    headers: { origin: `http://127.0.0.1:${INSPECTOR}` },
  } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  };
  // A command the target leaves unanswered (collectGarbage, at times) must not stop the run.
  return (method, params = {}) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      setTimeout(() => resolve(undefined), 5_000);
      ws.send(JSON.stringify({ id, method, params }));
    });
}

async function main(): Promise<void> {
  const send = await connect();
  await send("HeapProfiler.enable");
  const usage = async () =>
    ((await send("Runtime.getHeapUsage")) as HeapUsage | undefined) ?? { usedSize: 0, totalSize: 0 };
  const { server, url } = await serveDocuments();
  const rows = [];
  for (const c of HOSTILE_SOURCES) {
    await send("HeapProfiler.collectGarbage");
    const before = await usage();
    let peak = before;
    let samples = 0;
    let finished = false;
    const sampling = (async () => {
      while (!finished) {
        const u = await usage();
        samples++;
        if (u.usedSize > peak.usedSize) peak = { ...u, totalSize: Math.max(u.totalSize, peak.totalSize) };
        else peak = { ...peak, totalSize: Math.max(u.totalSize, peak.totalSize) };
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const run = await runSources(BASE, sourcesFor(url, [c], false)).finally(() => {
      finished = true;
    });
    await sampling;
    const [source] = run.sources.map(describeSource);
    rows.push({
      ...source,
      samples,
      heapBeforeMB: mb(before.usedSize),
      peakUsedMB: mb(peak.usedSize),
      peakTotalMB: mb(peak.totalSize),
      ...(peak.backingStorageSize !== undefined ? { backingStoresAtPeakMB: mb(peak.backingStorageSize) } : {}),
    });
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  server.close();
  const report = {
    measuredAt: new Date().toISOString(),
    method: `npm run dev (workerd); each hostile source of ${HOSTILE_SIZE} bytes alone in a run; full GC, then Runtime.getHeapUsage of the Worker's isolate every 10 ms through the inspector until the run finished. usedSize: live JS heap; totalSize: heap reserved by V8; ArrayBuffers (the fetched body) are outside both`,
    cases: rows,
  };
  if (args.includes("--write")) await writeResult("hostileHeap", report);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
