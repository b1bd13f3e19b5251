import type { AnswerKey, Choice, QuestionType } from "../../../schemas/question.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";

/** Media a question refers to: a URL to fetch, or a file embedded in the source (Moodle). */
export type MediaReference =
  | { kind: "url"; url: string }
  | { kind: "inline"; name: string; bytes: Uint8Array; contentType?: string };

/** A question as a parser reads it, normalized, before ids, hashes and validation. */
export interface ParsedQuestion {
  /** Where it is in the source (index, title), for reports. */
  record: string;
  type: QuestionType;
  text: string;
  choices: Choice[];
  answer: AnswerKey;
  explanation: string | null;
  category: string | null;
  tags: string[];
  difficulty: number | null;
  media: MediaReference[];
  /** Media of the explanation only: stored, never public (see Question.explanationMediaKeys). */
  explanationMedia: MediaReference[];
  /** ISO 639-1 code read from the text; null when it cannot be told. The source's own setting wins. */
  detectedLanguage: string | null;
}

export interface ParseOutcome {
  questions: ParsedQuestion[];
  /** Records of types the data model cannot hold (essay, matching, cloze...). */
  skipped: { record: string; reason: string }[];
  /** Records that are broken. */
  errors: { record: string; message: string }[];
}

/**
 * Reads a fetched document of a source's format. Throws `RetryLaterError` when the source
 * asks to be asked again later, anything else when the document as a whole is unreadable.
 */
export type SourceParser = (source: ScraperSource, body: Uint8Array) => Promise<ParseOutcome>;

/** The source refused for now (OpenTDB's rate limit); the message is retried after the delay. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}
