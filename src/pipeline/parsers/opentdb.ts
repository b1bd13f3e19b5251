import { difficultyFromLabel } from "../normalize/difficulty.ts";
import { decodeHtmlEntities } from "../normalize/html-entities.ts";
import { nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import { SourceFormatError, SourceRetryableError } from "./errors.ts";
import { assertJsonBounds } from "./json-bounds.ts";
import { DEFAULT_LIMITS, type ParseLimits, tooManyRecords } from "./limits.ts";
import { blankQuestion, lettered, ResultBuilder } from "./result-builder.ts";
import { decodeBody } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

export type OpenTdbEncoding = "default" | "url3986" | "base64";

/** OpenTDB asks for one request per 5 seconds per IP. */
const RATE_LIMIT_DELAY_SECONDS = 5;

const RESPONSE_ERRORS: Record<number, string> = {
  2: "invalid parameter (response_code 2)",
  3: "session token not found (response_code 3)",
  4: "session token exhausted (response_code 4)",
};

/**
 * An Open Trivia Database response (`{response_code, results}`), as served or saved to a file;
 * a body saved as JavaScript (`export default {...}`) is read from its first `{` to its last `}`.
 * `encoding` is the API's `encode` parameter; "default" also recognizes url3986 and base64 bodies.
 */
export async function parseOpenTdb(
  body: Uint8Array,
  encoding: OpenTdbEncoding = "default",
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<ParseResult> {
  const doc = await readJsonObject(decodeBody(body));
  const code = doc.response_code;
  if (code === 5) throw new SourceRetryableError("opentdb", "rate limited (response_code 5)", RATE_LIMIT_DELAY_SECONDS);
  if (typeof code === "number" && RESPONSE_ERRORS[code]) throw new SourceFormatError("opentdb", RESPONSE_ERRORS[code]);
  if (code !== undefined && code !== 0 && code !== 1) {
    throw new SourceFormatError("opentdb", `unknown response_code ${JSON.stringify(code)}`);
  }
  const results = doc.results;
  if (code === 1 && (results === undefined || (Array.isArray(results) && results.length === 0))) {
    return new ResultBuilder().build();
  }
  if (!Array.isArray(results)) throw new SourceFormatError("opentdb", "no results array");
  if (results.length > limits.maxRecords) throw tooManyRecords("opentdb", limits.maxRecords);
  const decode = decoderFor(encoding === "default" ? detectEncoding(results) : encoding);
  const out = new ResultBuilder();
  const pace = new Pacer();
  for (const [index, record] of (results as unknown[]).entries()) {
    if (pace.due(RECORD_COST)) await nextTurn();
    try {
      readRecord(record, index, decode, out);
    } catch (e) {
      out.error(index, e instanceof Error ? e.message : String(e));
    }
  }
  return out.build();
}

function readRecord(record: unknown, index: number, decode: (s: string) => string, out: ResultBuilder): void {
  if (record === null || typeof record !== "object") throw new Error("not an object");
  const r = record as Record<string, unknown>;
  const str = (key: string): string => {
    const v = r[key];
    if (typeof v !== "string") throw new Error(`'${key}' is missing or not a string`);
    return decode(v);
  };
  const type = str("type").trim();
  const text = str("question");
  const correct = str("correct_answer").trim();
  const incorrectRaw = r.incorrect_answers;
  if (!Array.isArray(incorrectRaw)) throw new Error("'incorrect_answers' is not an array");
  const incorrect = incorrectRaw.map((v) => {
    if (typeof v !== "string") throw new Error("an incorrect answer is not a string");
    return decode(v).trim();
  });
  const extra = {
    category: typeof r.category === "string" ? decode(r.category) : null,
    difficulty: typeof r.difficulty === "string" ? difficultyFromLabel(decode(r.difficulty)) : null,
  };
  if (type === "boolean") {
    const value = correct.toLowerCase();
    if (value !== "true" && value !== "false") throw new Error(`boolean answer '${correct}' is neither True nor False`);
    out.add(
      index,
      blankQuestion({ type: "true_false", text, choices: [], answer: { kind: "choices", correct: [value] }, ...extra }),
    );
    return;
  }
  if (type !== "multiple") {
    out.skip(index, `unsupported OpenTDB question type '${type}'`);
    return;
  }
  // Sorted so the correct answer's position says nothing and re-imports are stable.
  const choices = lettered([correct, ...incorrect].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
  const id = choices.find((c) => c.text === correct)?.id ?? "a";
  out.add(
    index,
    blankQuestion({ type: "single_choice", text, choices, answer: { kind: "choices", correct: [id] }, ...extra }),
  );
}

async function readJsonObject(text: string): Promise<Record<string, unknown>> {
  await assertJsonBounds(text, "opentdb");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end <= start) throw new SourceFormatError("opentdb", "the body holds no JSON object");
    try {
      parsed = JSON.parse(text.slice(start, end + 1));
    } catch (e) {
      throw new SourceFormatError("opentdb", `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SourceFormatError("opentdb", "the body is not a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** Every API encoding leaves a mark on `type`, the one field with fixed values, or on spaces. */
function detectEncoding(results: unknown[]): OpenTdbEncoding {
  const sample = results.slice(0, 20).filter((r): r is Record<string, unknown> => r !== null && typeof r === "object");
  const types = sample.map((r) => r.type).filter((t): t is string => typeof t === "string");
  if (types.length > 0 && types.every((t) => t === "bXVsdGlwbGU=" || t === "Ym9vbGVhbg==")) return "base64";
  const questions = sample.map((r) => r.question).filter((q): q is string => typeof q === "string");
  if (questions.length > 0 && questions.every((q) => !/\s/.test(q) && /%[0-9A-Fa-f]{2}/.test(q))) return "url3986";
  return "default";
}

function decoderFor(encoding: OpenTdbEncoding): (s: string) => string {
  if (encoding === "url3986") {
    return (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new Error(`malformed url3986 text '${s.slice(0, 40)}'`);
      }
    };
  }
  if (encoding === "base64") {
    const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
    return (s) => {
      try {
        return utf8.decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
      } catch {
        throw new Error(`malformed base64 text '${s.slice(0, 40)}'`);
      }
    };
  }
  return decodeHtmlEntities;
}
