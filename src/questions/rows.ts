import type { D1QuestionRow } from "../../schemas/d1-tables.ts";
import type { QuestionRow } from "../../schemas/origin-tables.ts";
import type { Question } from "../../schemas/question.ts";

/** Postgres returns `2026-01-01 00:00:00+00`; the API speaks ISO 8601. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

export function fromOriginRow(row: QuestionRow): Question {
  return { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

export function fromD1Row(row: D1QuestionRow): Question {
  return row;
}

export function toD1Row(question: Question): D1QuestionRow {
  return question;
}
