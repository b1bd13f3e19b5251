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
import { fileURLToPath } from "node:url";
import { svgPolicyViolation } from "../../src/media/svg-policy.ts";
import { htmlToText } from "../../src/pipeline/normalize/html-to-text.ts";
import { parseAiken } from "../../src/pipeline/parsers/aiken.ts";
import { parseCsv } from "../../src/pipeline/parsers/csv.ts";
import { parseGift } from "../../src/pipeline/parsers/gift.ts";
import { parseJson } from "../../src/pipeline/parsers/json.ts";
import { parseMoodleXml } from "../../src/pipeline/parsers/moodle-xml.ts";
import { parseOpenTdb } from "../../src/pipeline/parsers/opentdb.ts";
import type { ParseResult } from "../../src/pipeline/parsers/types.ts";
import { HOSTILE_SOURCES, LINEARITY_CASES } from "../../test/bench/hostile-inputs.ts";

const HOSTILE_BYTES = 8 * 1024 * 1024;
const SIZES: Record<string, number> = { "moodle-xml": 140_000, gift: 25_000, "html-text": 150_000, svg: 50_000 };
const encoder = new TextEncoder();

// The parsers one by one (not parseSource, whose HTML parser needs workerd).
const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
const PARSERS: Record<string, (body: Uint8Array) => ParseResult> = {
  "moodle-xml": (b) => parseMoodleXml(b),
  gift: (b) => parseGift(b),
  aiken: (b) => parseAiken(b),
  csv: (b) => parseCsv(b, mapping),
  json: (b) => parseJson(b, mapping),
  opentdb: (b) => parseOpenTdb(b),
};

async function runCase(format: string, text: string): Promise<string> {
  if (format === "svg") return String(svgPolicyViolation(text));
  if (format === "html-text") return `${htmlToText(text).length} chars`;
  try {
    const r = PARSERS[format]?.(encoder.encode(text));
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

async function linearity(): Promise<void> {
  for (const c of LINEARITY_CASES) {
    const n = SIZES[c.format] ?? 100_000;
    const small = c.make(n);
    const large = c.make(2 * n);
    await runCase(c.format, small);
    const a = await median(() => runCase(c.format, small));
    const b = await median(() => runCase(c.format, large));
    console.log(`${c.name}: ${n} B ${a.toFixed(1)} ms, ${2 * n} B ${b.toFixed(1)} ms, ratio ${(b / a).toFixed(2)}`);
  }
}

async function hostileChild(index: number): Promise<void> {
  const c = HOSTILE_SOURCES[index];
  if (!c) return;
  const outcome = await runCase(c.format, c.make(HOSTILE_BYTES));
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(`${c.name} (${c.format}, 8 MB): ${outcome.slice(0, 120)}; heap after ${heapMb.toFixed(1)} MB`);
}

function hostileAll(): void {
  const script = fileURLToPath(import.meta.url);
  for (const [i, c] of HOSTILE_SOURCES.entries()) {
    if (c.format === "html") continue;
    const flags = [
      "--experimental-transform-types",
      "--no-warnings",
      "--max-old-space-size=56",
      "--max-semi-space-size=2",
    ];
    try {
      process.stdout.write(
        execFileSync(process.execPath, [...flags, script, "--hostile", String(i)], { encoding: "utf8" }),
      );
    } catch {
      console.log(`${c.name} (${c.format}, 8 MB): ran out of a 64 MB heap`);
    }
  }
}

const at = process.argv.indexOf("--hostile");
if (at >= 0) await hostileChild(Number(process.argv[at + 1]));
else {
  await linearity();
  hostileAll();
}
