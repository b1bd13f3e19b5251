import type { Question } from "../../schemas/question.ts";
import { upsertD1Questions } from "../../src/questions/d1-store.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";

let bank: Promise<Question[]> | undefined;

/** The project's question bank, the one the global setup seeded into the origin. */
export function questionBank(): Promise<Question[]> {
  bank ??= buildQuestionBank();
  return bank;
}

/**
 * Copies bank questions into this test file's D1 (its edge copy starts empty; the origin is
 * seeded once for the whole run). FTS triggers index them. Returns what was copied.
 */
export async function seedD1(db: D1Database, questions?: Question[]): Promise<Question[]> {
  const rows = questions ?? (await questionBank());
  await upsertD1Questions(db, rows);
  return rows;
}

/** Copies the whole bank into this test file's D1 and answers it by id (the keys tests grade against). */
export async function seedBankById(db: D1Database): Promise<Map<string, Question>> {
  const rows = await seedD1(db);
  return new Map(rows.map((q) => [q.id, q]));
}
