/**
 * The importers on hostile input, in Node (`node --experimental-transform-types
 * scripts/bench/measure-parsers.ts`): for each case of issue 9's table, the time of an input
 * and of its double (median of 5 after a warm-up; a ratio near 2 is linear, 4 quadratic), and
 * for each 8 MB hostile source, whether parsing it fits a 64 MB heap: each runs in a child
 * Node whose heap is capped at that (old space 56 MB + young 2×2 MB), so a parser that needs
 * more dies instead of reporting. The HTML format needs workerd's HTMLRewriter and is
 * measured by `npm run bench:pipeline` instead; here HTML means the HTML-to-text renderer.
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { svgPolicyViolation } from "../../src/media/svg-policy.ts";
import { htmlToText } from "../../src/pipeline/normalize/html-to-text.ts";
import { parseAiken } from "../../src/pipeline/parsers/aiken.ts";
import { parseCsv } from "../../src/pipeline/parsers/csv.ts";
import { parseGift } from "../../src/pipeline/parsers/gift.ts";
import { parseJson } from "../../src/pipeline/parsers/json.ts";
import { DEFAULT_LIMITS, type ParseLimits } from "../../src/pipeline/parsers/limits.ts";
import { parseMoodleXml } from "../../src/pipeline/parsers/moodle-xml.ts";
import { parseOpenTdb } from "../../src/pipeline/parsers/opentdb.ts";
import type { ParseResult } from "../../src/pipeline/parsers/types.ts";
import { HOSTILE_SOURCES, LINEAR_WORK_CASES, LINEARITY_CASES } from "../../test/bench/hostile-inputs.ts";

const HOSTILE_BYTES = 8 * 1024 * 1024;
/** The sizes for its cases; 200 KB (thousands of records) for the ordinary ones. */
const SIZES: Record<string, number> = {
  "unbalanced XML tags (<a>x</b>…)": 140_000,
  "a GIFT line of spaces": 25_000,
  "<title></title> in HTML": 150_000,
  "an SVG with an unclosed tag": 50_000,
};
const encoder = new TextEncoder();

// The parsers one by one (not parseSource, whose HTML parser needs workerd).
const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
const PARSERS: Record<string, (body: Uint8Array, limits: ParseLimits) => Promise<ParseResult>> = {
  "moodle-xml": (b, l) => parseMoodleXml(b, l),
  gift: (b, l) => parseGift(b, l),
  aiken: (b, l) => parseAiken(b, l),
  csv: (b, l) => parseCsv(b, mapping, ",", l),
  json: (b, l) => parseJson(b, mapping, undefined, l),
  opentdb: (b, l) => parseOpenTdb(b, "default", l),
};
/** Ordinary documents are timed whole; hostile ones meet the default cap as a source would. */
const UNCAPPED: ParseLimits = { maxRecords: 100_000 };

async function runCase(format: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<string> {
  if (format === "svg") return String(svgPolicyViolation(text));
  if (format === "html-text") return `${htmlToText(text).length} chars`;
  try {
    const r = await PARSERS[format]?.(encoder.encode(text), limits);
    if (!r) return "no parser";
    return `${r.questions.length} questions, ${r.errors.length} errors`;
  } catch (e) {
    return `refused: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] ?? 0;
}

interface LinearityRow {
  input: string;
  bytes: number;
  ms: number;
  doubledMs: number;
  ratio: number;
}

async function linearity(): Promise<LinearityRow[]> {
  const rows: LinearityRow[] = [];
  for (const c of [...LINEARITY_CASES, ...LINEAR_WORK_CASES.filter((w) => w.format !== "html")]) {
    const n = SIZES[c.name] ?? 200_000;
    const small = c.make(n);
    const large = c.make(2 * n);
    await runCase(c.format, small, UNCAPPED);
    const a = await median(() => runCase(c.format, small, UNCAPPED));
    const b = await median(() => runCase(c.format, large, UNCAPPED));
    console.log(`${c.name}: ${n} B ${a.toFixed(1)} ms, ${2 * n} B ${b.toFixed(1)} ms, ratio ${(b / a).toFixed(2)}`);
    const round = (x: number) => Math.round(x * 100) / 100;
    rows.push({ input: c.name, bytes: n, ms: round(a), doubledMs: round(b), ratio: round(b / Math.max(a, 0.01)) });
  }
  return rows;
}

async function hostileChild(index: number): Promise<void> {
  const c = HOSTILE_SOURCES[index];
  if (!c) return;
  const outcome = await runCase(c.format, c.make(HOSTILE_BYTES));
  const heapMb = Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
  console.log(
    JSON.stringify({ source: c.name, format: c.format, outcome: outcome.slice(0, 160), heapAfterMb: heapMb }),
  );
}

function hostileAll(): unknown[] {
  const script = fileURLToPath(import.meta.url);
  const rows: unknown[] = [];
  const flags = [
    "--experimental-transform-types",
    "--no-warnings",
    "--max-old-space-size=56",
    "--max-semi-space-size=2",
  ];
  for (const [i, c] of HOSTILE_SOURCES.entries()) {
    if (c.format === "html") continue;
    try {
      const line = execFileSync(process.execPath, [...flags, script, "--hostile", String(i)], { encoding: "utf8" });
      console.log(line.trim());
      rows.push(JSON.parse(line));
    } catch {
      console.log(`${c.name} (${c.format}, 8 MB): ran out of a 64 MB heap`);
      rows.push({ source: c.name, format: c.format, outcome: "ran out of a 64 MB heap" });
    }
  }
  return rows;
}

const RESULTS = new URL("../../test/bench/results.json", import.meta.url).pathname;

const at = process.argv.indexOf("--hostile");
if (at >= 0) await hostileChild(Number(process.argv[at + 1]));
else {
  const cases = await linearity();
  const hostile = hostileAll();
  if (process.argv.includes("--write")) {
    const results = JSON.parse(await readFile(RESULTS, "utf8").catch(() => "{}")) as Record<string, unknown>;
    results.parsers = {
      measuredAt: new Date().toISOString(),
      environment: `Node ${process.version} (workerd's clock stands still in synchronous code)`,
      linearity: { method: "each input and its double, median of 5 after a warm-up; linear ≈ 2, quadratic ≈ 4", cases },
      hostileSources: { method: "8 MB each, parsed in a Node whose heap is capped at 64 MB", results: hostile },
    };
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  }
}
