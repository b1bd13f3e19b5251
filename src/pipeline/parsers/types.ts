import type { Candidate } from "../../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";

/** A media file that came inside the source document (base64 in Moodle XML). */
export interface ParsedMedia {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * One imported question, before ids, hashes, language and validation: the pipeline's one
 * model of a parsed question, from the parsers to the candidate built from it. The wording
 * and key are the candidate's (and so the stored question's) fields; category and difficulty
 * may be missing in a source, and media are still the files the source embeds rather than stored keys.
 */
export type ParsedQuestion = Pick<Candidate, "type" | "text" | "choices" | "answer" | "explanation" | "tags"> & {
  category: string | null;
  /** 1 (easiest) to 5 (hardest), null when the source says nothing. */
  difficulty: number | null;
  /** Media of the text and the choices: public with the question. */
  media: ParsedMedia[];
  /** Media of the explanation and feedback: shown only after grading (Moodle's feedback files). */
  explanationMedia: ParsedMedia[];
  /** The source's own name for the question (GIFT title, Moodle name), if any. */
  sourceRef: string | null;
};

/** A record the data model cannot hold (matching, essay, cloze...); not an error in the file. */
export interface SkippedRecord {
  index: number;
  reason: string;
  title?: string;
}

/** A record that should have been a question but is malformed. */
export interface RecordError {
  index: number;
  message: string;
}

/**
 * Record indexes count every record of the document from 0, whatever became of it.
 * Parsers throw `SourceFormatError` when the whole document is unusable and
 * `SourceRetryableError` when the source asks to be asked again later (errors.ts).
 */
export interface ParseResult {
  questions: ParsedQuestion[];
  skipped: SkippedRecord[];
  errors: RecordError[];
}

/** Reads a fetched document of a source's format (parse-source.ts; tests give their own). */
export type SourceParser = (source: ScraperSource, body: Uint8Array) => Promise<ParseResult>;
