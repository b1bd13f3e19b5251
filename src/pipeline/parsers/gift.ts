import { normalizeWhitespace } from "../normalize/whitespace.ts";
import { CHARS_PER_UNIT, nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import { renderFormatted } from "./formatted-text.ts";
import { readGiftAnswers } from "./gift-answers.ts";
import { DEFAULT_LIMITS, MAX_RECORD_LINES, type ParseLimits, recordTooLong, tooManyRecords } from "./limits.ts";
import { lines } from "./lines.ts";
import { blankQuestion, ResultBuilder } from "./result-builder.ts";
import { cleanCategory, decodeBody } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

/** GIFT's escapable characters, held as private-use characters while the structure is read. */
const ESCAPABLE = "\\~=#{}:";
const PROTECT_BASE = 0xe000;
const FORMAT = /^\s*\[(html|moodle|plain|markdown)\]/i;

type GiftRecord =
  | { kind: "category"; value: string }
  | { kind: "question"; text: string; tags: string[]; line: number };

/**
 * Moodle GIFT: blank-line separated questions, `//` comment lines, `::title::`, `[format]`
 * prefixes, `$CATEGORY:` lines, and the answer block in braces (see gift-answers.ts).
 * Matching, essay, description and Cloze records are reported as skipped.
 */
export async function parseGift(body: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  const out = new ResultBuilder();
  const pace = new Pacer();
  let category: string | null = null;
  let index = 0;
  for await (const record of splitRecords(decodeBody(body), pace)) {
    if (record.kind === "category") {
      category = cleanCategory(record.value);
      continue;
    }
    if (index >= limits.maxRecords) throw tooManyRecords("gift", limits.maxRecords);
    readQuestion(record.text, index, out, { category, tags: record.tags, line: record.line });
    index++;
    if (pace.due(RECORD_COST + record.text.length / CHARS_PER_UNIT)) await nextTurn();
  }
  return out.build();
}

function readQuestion(
  raw: string,
  index: number,
  out: ResultBuilder,
  extra: { category: string | null; tags: string[]; line: number },
): void {
  // Physical line breaks only wrap the source; `\n` escapes are the line breaks meant. (Split
  // and trimmed rather than a regex: `\s*\n` is quadratic on a long line of spaces.)
  let rest = protect(
    raw
      .split("\n")
      .map((line) => line.trim())
      .join(" "),
  );
  let title: string | null = null;
  const titled = /^\s*::([\s\S]*?)::/.exec(rest);
  if (titled) {
    title = restore(normalizeWhitespace(titled[1] ?? "")) || null;
    rest = rest.slice(titled[0].length);
  }
  const format = FORMAT.exec(rest)?.[1]?.toLowerCase() ?? null;
  if (format) rest = rest.replace(FORMAT, "");
  const open = rest.indexOf("{");
  if (open < 0) {
    out.skip(index, "description (no answer block)", title);
    return;
  }
  const close = rest.indexOf("}", open);
  if (close < 0) {
    out.error(index, `${title ?? `line ${extra.line}`}: the answer block is not closed`);
    return;
  }
  const prefix = rest.slice(0, open);
  const suffix = rest.slice(close + 1);
  let block = rest.slice(open + 1, close);
  if (suffix.includes("{") || block.includes("{")) {
    out.skip(index, "Moodle Cloze or several answer blocks (embedded answers)", title);
    return;
  }
  let explanation: string | null = null;
  const general = block.indexOf("####");
  if (general >= 0) {
    explanation = render(block.slice(general + 4), format);
    block = block.slice(0, general);
  }
  try {
    const answer = readGiftAnswers(block, (text) => render(text, format));
    if (answer.kind === "skip") {
      out.skip(index, answer.reason, title);
      return;
    }
    const blank = suffix.trim() !== "" && answer.type !== "true_false" ? "_____" : "";
    const text = render(`${prefix}${blank}${blank ? suffix : ""}`, format);
    out.add(
      index,
      blankQuestion({
        type: answer.type,
        choices: answer.choices,
        answer: answer.answer,
        text,
        explanation: explanation || answer.feedback,
        category: extra.category,
        tags: extra.tags,
        sourceRef: title,
      }),
    );
  } catch (e) {
    out.error(index, `${title ?? `line ${extra.line}`}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Splits the document into questions at blank lines (as Moodle does), dropping `//` comment
 * lines (their `[tag:x]` marks, as Moodle exports them, tag the next question).
 */
async function* splitRecords(text: string, pace: Pacer): AsyncGenerator<GiftRecord> {
  let held: string[] = [];
  let tags: string[] = [];
  let startLine = 0;
  let n = 0;
  function* flush(): Generator<GiftRecord> {
    if (held.length > 0) yield { kind: "question", text: held.join("\n"), tags, line: startLine };
    held = [];
    tags = [];
  }
  for (const line of lines(text)) {
    n++;
    if (pace.due()) await nextTurn();
    const trimmed = line.trim();
    if (trimmed.startsWith("//")) {
      // Bounded like the tags themselves (50 characters), so a line of "[tag:" stays linear.
      for (const m of trimmed.matchAll(/\[tag:([^\]]{1,50})\]/g)) if (m[1]) tags.push(m[1]);
      continue;
    }
    if (/^\$CATEGORY:/i.test(trimmed)) {
      yield* flush();
      yield { kind: "category", value: trimmed.slice("$CATEGORY:".length) };
      continue;
    }
    if (trimmed === "") {
      yield* flush();
      continue;
    }
    if (held.length === 0) startLine = n;
    if (held.length >= MAX_RECORD_LINES) throw recordTooLong("gift", startLine);
    held.push(line);
  }
  yield* flush();
}

/** `\=` etc. become private-use characters, `\n` a line break; restore() puts them back. */
function protect(text: string): string {
  return text.replace(/\\([\\~=#{}:n])/g, (_m, ch: string) =>
    ch === "n" ? "\n" : String.fromCharCode(PROTECT_BASE + ESCAPABLE.indexOf(ch)),
  );
}

function restore(text: string): string {
  return text.replace(/[\ue000-\ue006]/g, (ch) => ESCAPABLE[ch.charCodeAt(0) - PROTECT_BASE] ?? ch);
}

/** Raw GIFT text (escapes protected) to plain text under its format, or its own `[format]`. */
function render(raw: string, outer: string | null): string {
  let text = raw;
  let format = outer;
  const own = FORMAT.exec(text);
  if (own?.[1]) {
    format = own[1].toLowerCase();
    text = text.replace(FORMAT, "");
  }
  // No prefix means Moodle's auto-format, as in Moodle's own GIFT import.
  const known = format === "html" || format === "markdown" || format === "plain" ? format : "moodle";
  return restore(renderFormatted(text, known));
}
