import { LINEARITY_CASES } from "../../test/bench/hostile-inputs.ts";
import { parseMoodleXml } from "../../src/pipeline/parsers/moodle-xml.ts";
import { parseGift } from "../../src/pipeline/parsers/gift.ts";
import { htmlToText } from "../../src/pipeline/normalize/html-to-text.ts";
import { svgPolicyViolation } from "../../src/media/svg-policy.ts";
const enc = new TextEncoder();
const run: Record<string, (s: string) => unknown> = {
  "moodle-xml": (s) => { try { parseMoodleXml(enc.encode(s)); } catch {} },
  gift: (s) => parseGift(enc.encode(s)),
  html: (s) => htmlToText(s),
  svg: (s) => svgPolicyViolation(s),
};
const sizes: Record<string, number> = { "moodle-xml": 140_000, gift: 25_000, html: 150_000, svg: 50_000 };
for (const c of LINEARITY_CASES) {
  const t = (n: number) => { const s = c.make(n); const a = performance.now(); run[c.format]!(s); return performance.now() - a; };
  const n = sizes[c.format]!;
  const a = t(n), b = t(2 * n);
  console.log(`${c.name}: ${n}B ${a.toFixed(0)} ms, ${2*n}B ${b.toFixed(0)} ms, ratio ${(b / a).toFixed(2)}`);
}
