import { and, eq, inArray } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import type { Question } from "../../schemas/question.ts";
import type { OriginConnection } from "../origin/client.ts";

type OriginRow = typeof questions.$inferSelect;

/** Postgres returns `2026-01-01 00:00:00+00`; every tier serves the ISO form, so ETags match. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

export function questionFromOrigin(row: OriginRow): Question {
  return { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

/** Questions by id from the origin; `activeOnly` keeps what learners may see. */
export async function readOriginQuestions(
  origin: OriginConnection,
  ids: string[],
  options: { activeOnly: boolean } = { activeOnly: true },
): Promise<Map<string, Question>> {
  if (ids.length === 0) return new Map();
  const where = options.activeOnly
    ? and(inArray(questions.id, ids), eq(questions.status, "active"))
    : inArray(questions.id, ids);
  const rows = await origin.db.select().from(questions).where(where);
  return new Map(rows.map((row) => [row.id, questionFromOrigin(row)]));
}

/** Every question of a category at the origin, whatever its status. */
export async function readOriginCategory(origin: OriginConnection, category: string): Promise<Question[]> {
  const rows = await origin.db.select().from(questions).where(eq(questions.category, category));
  return rows.map(questionFromOrigin);
}

/** Every question at the origin, whatever its status. */
export async function readOriginAll(origin: OriginConnection): Promise<Question[]> {
  const rows = await origin.db.select().from(questions);
  return rows.map(questionFromOrigin);
}
