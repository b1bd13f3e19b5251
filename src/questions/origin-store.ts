import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import type { Question, QuestionStatus } from "../../schemas/question.ts";
import type { OriginDb } from "../origin/client.ts";
import { fromOriginRow } from "./rows.ts";

/** The Postgres origin: the source of truth for questions. */
export function originQuestionStore(db: OriginDb) {
  return {
    async getActiveByIds(ids: string[]): Promise<Question[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select()
        .from(questions)
        .where(and(inArray(questions.id, ids), eq(questions.status, "active")));
      return rows.map(fromOriginRow);
    },

    async getById(id: string): Promise<Question | null> {
      const [row] = await db.select().from(questions).where(eq(questions.id, id));
      return row ? fromOriginRow(row) : null;
    },

    async activeInCategory(category?: string): Promise<Question[]> {
      const rows = await db
        .select()
        .from(questions)
        .where(
          and(eq(questions.status, "active"), category === undefined ? undefined : eq(questions.category, category)),
        );
      return rows.map(fromOriginRow);
    },

    /**
     * Lexically similar active questions: Postgres full-text rank of the other questions
     * against the words of this one, same category first. Plain SQL, so PGlite and any
     * PostgreSQL answer alike without extensions.
     */
    async similarTo(id: string, limit: number): Promise<Question[] | null> {
      const [base] = await db
        .select({ text: questions.text, category: questions.category })
        .from(questions)
        .where(eq(questions.id, id));
      if (!base) return null;
      const document = sql`to_tsvector('english', ${questions.text} || ' ' || ${questions.category})`;
      const query = sql`replace(plainto_tsquery('english', ${base.text})::text, '&', '|')::tsquery`;
      const rows = await db
        .select()
        .from(questions)
        .where(and(eq(questions.status, "active"), ne(questions.id, id), sql`${document} @@ ${query}`))
        .orderBy(
          sql`(${questions.category} = ${base.category}) DESC`,
          sql`ts_rank(${document}, ${query}) DESC`,
          questions.id,
        )
        .limit(limit);
      return rows.map(fromOriginRow);
    },

    /** Inserts questions that are new by id and content hash; returns the ids actually stored. */
    async insertNew(list: Question[]): Promise<string[]> {
      if (list.length === 0) return [];
      const rows = await db.insert(questions).values(list).onConflictDoNothing().returning({ id: questions.id });
      return rows.map((r) => r.id);
    },

    async setStatus(id: string, status: QuestionStatus): Promise<Question | null> {
      const [row] = await db
        .update(questions)
        .set({ status, version: sql`${questions.version} + 1`, updatedAt: sql`now()` })
        .where(eq(questions.id, id))
        .returning();
      return row ? fromOriginRow(row) : null;
    },
  };
}
export type OriginQuestionStore = ReturnType<typeof originQuestionStore>;
