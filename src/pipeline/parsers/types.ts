import type { AnswerKey, Choice, QuestionType } from "../../../schemas/question.ts";

/** A media file that came inside the source document (base64 in Moodle XML). */
export interface ParsedMedia {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** One imported question, before ids, hashes and classification are assigned. */
export interface ParsedQuestion {
  type: QuestionType;
  text: string;
  choices: Choice[];
  answer: AnswerKey;
  explanation: string | null;
  category: string | null;
  tags: string[];
  /** 1 (easiest) to 5 (hardest), null when the source says nothing. */
  difficulty: number | null;
  /** Media of the text and the choices: public with the question. */
  media: ParsedMedia[];
  /** Media of the explanation and feedback: shown only after grading (Moodle's feedback files). */
  explanationMedia: ParsedMedia[];
  /** The source's own name for the question (GIFT title, Moodle name), if any. */
  sourceRef: string | null;
}

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

/** Record indexes count every record of the document from 0, whatever became of it. */
export interface ParseResult {
  questions: ParsedQuestion[];
  skipped: SkippedRecord[];
  errors: RecordError[];
}
