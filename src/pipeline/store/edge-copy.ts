import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions } from "../../../schemas/d1-tables.ts";
import type { Question } from "../../../schemas/question.ts";

/** Copies new active questions into the D1 edge table; a row already there (by id or hash) stays. */
export async function copyToEdge(db: D1Database, rows: Question[]): Promise<void> {
  if (rows.length === 0) return;
  const client = drizzle(db);
  const inserts = rows.map((q) => client.insert(questions).values(q).onConflictDoNothing());
  for (let i = 0; i < inserts.length; i += 100) {
    const part = inserts.slice(i, i + 100);
    await client.batch(part as [(typeof part)[number], ...typeof part]);
  }
}

/** Puts the origin's current version of a question on the edge, replacing an older copy. */
export async function replaceOnEdge(db: D1Database, question: Question): Promise<void> {
  const client = drizzle(db);
  await client.batch([
    client.delete(questions).where(eq(questions.contentHash, question.contentHash)),
    client.delete(questions).where(eq(questions.id, question.id)),
    client.insert(questions).values(question),
  ]);
}

export async function removeFromEdge(db: D1Database, id: string): Promise<void> {
  await drizzle(db).delete(questions).where(eq(questions.id, id));
}
