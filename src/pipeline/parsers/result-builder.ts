import { normalizeQuestion } from "../normalize/normalize-question.ts";
import type { ParsedQuestion, ParseResult } from "./types.ts";

/**
 * Collects a parser's records. Every question is normalized on the way in, so a record the
 * data model cannot hold becomes a per-record error instead of reaching the pipeline.
 */
export class ResultBuilder {
  private readonly result: ParseResult = { questions: [], skipped: [], errors: [] };

  add(index: number, question: ParsedQuestion): void {
    const normalized = normalizeQuestion(question);
    if (normalized.ok) this.result.questions.push(normalized.question);
    else this.error(index, `${recordLabel(question)}: ${normalized.message}`);
  }

  skip(index: number, reason: string, title?: string | null): void {
    this.result.skipped.push(title ? { index, reason, title } : { index, reason });
  }

  error(index: number, message: string): void {
    this.result.errors.push({ index, message });
  }

  build(): ParseResult {
    return this.result;
  }
}

/** A question with every optional part empty; parsers fill in what their format has. */
export function blankQuestion(
  fields: Pick<ParsedQuestion, "type" | "text" | "choices" | "answer"> & Partial<ParsedQuestion>,
): ParsedQuestion {
  return {
    explanation: null,
    category: null,
    tags: [],
    difficulty: null,
    media: [],
    explanationMedia: [],
    sourceRef: null,
    ...fields,
  };
}

/** Choice ids "a", "b"... for a list of texts. */
export function lettered(texts: string[]): { id: string; text: string }[] {
  return texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
}

/** How a reviewer finds the record: its title, else the start of its text. */
function recordLabel(q: ParsedQuestion): string {
  if (q.sourceRef) return q.sourceRef;
  const text = q.text.replace(/\s+/g, " ").trim();
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}
