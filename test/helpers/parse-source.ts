import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { parseSource } from "../../src/pipeline/parsers/parse-source.ts";
import type { ParsedQuestion, ParseResult } from "../../src/pipeline/parsers/types.ts";

const base = { id: "test", url: "https://quiz.test/source", enabled: true, language: "en" };

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function base64ToBytes(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

type Options<F extends ScraperSource["format"]> = Omit<
  Extract<ScraperSource, { format: F }>,
  keyof typeof base | "format"
>;

/** A valid source of `format` with the given format options. */
export function sourceOf<F extends ScraperSource["format"]>(format: F, options: Options<F>): ScraperSource {
  return { ...base, format, ...options } as ScraperSource;
}

export function parse(source: ScraperSource, text: string | Uint8Array): Promise<ParseResult> {
  return parseSource(source, typeof text === "string" ? utf8(text) : text);
}

/** The texts of the correct choices, or the accepted texts, or the number: what a reader checks. */
export function correctOf(q: ParsedQuestion): string[] | number {
  if (q.answer.kind === "numeric") return q.answer.value;
  if (q.answer.kind === "text") return q.answer.accepted;
  const correct = q.answer.correct;
  return q.choices.filter((c) => correct.includes(c.id)).map((c) => c.text);
}

/** The value, or a test failure saying it is missing. */
export function need<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error("expected a value");
  return value;
}
