import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { detectLanguages } from "../normalize/detect-language.ts";
import { SourceRetryableError } from "../parsers/errors.ts";
import { parseSource } from "../parsers/parse-source.ts";
import type { ParsedMedia, ParseResult } from "../parsers/types.ts";
import { type MediaReference, type ParseOutcome, RetryLaterError, type SourceParser } from "./source-parser.ts";

/** Record numbers as people count them: the parsers' indexes start at 0. */
const recordName = (index: number, title?: string | null) => (title ? `#${index + 1} ${title}` : `#${index + 1}`);

const inline = (m: ParsedMedia): MediaReference => ({
  kind: "inline",
  name: m.name,
  bytes: m.bytes,
  contentType: m.mimeType,
});

export function outcomeFromParseResult(result: ParseResult): ParseOutcome {
  const languages = detectLanguages(result.questions.map((q) => [q.text, ...q.choices.map((c) => c.text)].join("\n")));
  return {
    questions: result.questions.map((q, i) => ({
      detectedLanguage: languages[i] ?? null,
      record: q.sourceRef ?? `question ${i + 1}`,
      type: q.type,
      text: q.text,
      choices: q.choices,
      answer: q.answer,
      explanation: q.explanation,
      category: q.category,
      tags: q.tags,
      difficulty: q.difficulty,
      media: q.media.map(inline),
      explanationMedia: q.explanationMedia.map(inline),
    })),
    skipped: result.skipped.map((s) => ({ record: recordName(s.index, s.title), reason: s.reason })),
    errors: result.errors.map((e) => ({ record: recordName(e.index), message: e.message })),
  };
}

/**
 * The format parsers behind the scrape step's parser interface. The source's own options
 * (column and field mappings, selectors, OpenTDB encoding) are what the parsers take, so they
 * pass through as the registry validated them on save.
 */
export const parseFetchedSource: SourceParser = async (source: ScraperSource, body: Uint8Array) => {
  try {
    return outcomeFromParseResult(await parseSource(source, body));
  } catch (error) {
    if (error instanceof SourceRetryableError) throw new RetryLaterError(error.message, error.retryAfterSeconds);
    throw error;
  }
};
