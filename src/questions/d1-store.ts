import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type D1QuestionRow, questions } from "../../schemas/d1-tables.ts";
import type { Question } from "../../schemas/question.ts";

/** D1 binds at most 100 parameters per statement. */
const D1_MAX_PARAMS = 100;

function d1(db: D1Database): DrizzleD1Database {
  return drizzle(db);
}

/** D1 rows already hold the Question shape (JSON columns are parsed by drizzle). */
export function questionFromD1(row: D1QuestionRow): Question {
  return { ...row, explanation: row.explanation ?? null };
}

/** Reads questions by id from the edge copy; `activeOnly` keeps what learners may see. */
export async function readD1Questions(
  db: D1Database,
  ids: string[],
  options: { activeOnly: boolean } = { activeOnly: true },
): Promise<Map<string, Question>> {
  const out = new Map<string, Question>();
  for (let i = 0; i < ids.length; i += D1_MAX_PARAMS - 1) {
    const chunk = ids.slice(i, i + D1_MAX_PARAMS - 1);
    const where = options.activeOnly
      ? and(inArray(questions.id, chunk), eq(questions.status, "active"))
      : inArray(questions.id, chunk);
    for (const row of await d1(db).select().from(questions).where(where)) out.set(row.id, questionFromD1(row));
  }
  return out;
}

const UPDATABLE = Object.entries(getTableColumns(questions)).filter(([key]) => key !== "id");

/**
 * Writes questions into the edge copy, insert or replace by id. A row elsewhere holding the
 * same content hash (an older id of the same question) is removed first, since the hash is unique.
 * FTS triggers keep the search index in step.
 */
export async function upsertD1Questions(db: D1Database, rows: Question[]): Promise<void> {
  if (rows.length === 0) return;
  const client = d1(db);
  const set = Object.fromEntries(UPDATABLE.map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]));
  const statements: BatchItem<"sqlite">[] = rows.flatMap((q) => [
    client.delete(questions).where(and(eq(questions.contentHash, q.contentHash), sql`${questions.id} <> ${q.id}`)),
    client.insert(questions).values(q).onConflictDoUpdate({ target: questions.id, set }),
  ]);
  for (let i = 0; i < statements.length; i += 200) {
    const chunk = statements.slice(i, i + 200);
    await client.batch(chunk as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }
}

/** Removes questions from the edge copy; returns how many rows went. */
export async function deleteD1Questions(db: D1Database, ids: string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += D1_MAX_PARAMS) {
    const result = await d1(db)
      .delete(questions)
      .where(inArray(questions.id, ids.slice(i, i + D1_MAX_PARAMS)));
    removed += result.meta.changes;
  }
  return removed;
}

/** Ids of every question the edge copy holds in a category, whatever their status. */
export async function d1IdsInCategory(db: D1Database, category: string): Promise<string[]> {
  const rows = await d1(db).select({ id: questions.id }).from(questions).where(eq(questions.category, category));
  return rows.map((r) => r.id);
}

/** Ids of every question the edge copy holds. */
export async function d1AllIds(db: D1Database): Promise<string[]> {
  const rows = await d1(db).select({ id: questions.id }).from(questions);
  return rows.map((r) => r.id);
}
