import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions } from "../../schemas/d1-tables.ts";
import type { BloomLevel, Question } from "../../schemas/question.ts";
import { fromD1Row, toD1Row } from "./rows.ts";

export interface QuestionFilters {
  category?: string;
  difficulty?: number;
  bloomLevel?: BloomLevel;
}

/** D1 binds at most 100 parameters per statement. */
const ID_CHUNK = 90;

function filterClause(filters: QuestionFilters): SQL | undefined {
  return and(
    eq(questions.status, "active"),
    filters.category === undefined ? undefined : eq(questions.category, filters.category),
    filters.difficulty === undefined ? undefined : eq(questions.difficulty, filters.difficulty),
    filters.bloomLevel === undefined ? undefined : eq(questions.bloomLevel, filters.bloomLevel),
  );
}

/** The edge copy of the question bank in D1. */
export function d1QuestionStore(db: D1Database) {
  const orm = drizzle(db);
  return {
    async getByIds(ids: string[]): Promise<Question[]> {
      const out: Question[] = [];
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const rows = await orm
          .select()
          .from(questions)
          .where(and(inArray(questions.id, ids.slice(i, i + ID_CHUNK)), eq(questions.status, "active")));
        out.push(...rows.map(fromD1Row));
      }
      return out;
    },

    /** Ids of every active question matching the filters: the pool random picks draw from. */
    async idsMatching(filters: QuestionFilters): Promise<string[]> {
      const rows = await orm.select({ id: questions.id }).from(questions).where(filterClause(filters));
      return rows.map((r) => r.id);
    },

    /** One keyset page ordered by id: `after` is the last id of the previous page. */
    async page(filters: QuestionFilters, limit: number, after?: string): Promise<Question[]> {
      const rows = await orm
        .select()
        .from(questions)
        .where(and(filterClause(filters), after === undefined ? undefined : gt(questions.id, after)))
        .orderBy(asc(questions.id))
        .limit(limit);
      return rows.map(fromD1Row);
    },

    /** FTS5 search, best matches first. `match` must already be a safe FTS5 query. */
    async search(match: string, filters: QuestionFilters, limit: number): Promise<Question[]> {
      const rows = await orm
        .select()
        .from(questions)
        .where(
          and(
            sql`${questions}.rowid IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ${match} ORDER BY rank LIMIT 500)`,
            filterClause(filters),
          ),
        )
        .limit(limit);
      return rows.map(fromD1Row);
    },

    /** Inserts or replaces questions by id, in one batch. */
    async upsert(list: Question[]): Promise<void> {
      if (list.length === 0) return;
      const statements = list.map((q) => {
        const row = toD1Row(q);
        return orm
          .insert(questions)
          .values(row)
          .onConflictDoUpdate({ target: questions.id, set: { ...row, id: undefined } });
      });
      await orm.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
    },

    async remove(ids: string[]): Promise<void> {
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        await orm.delete(questions).where(inArray(questions.id, ids.slice(i, i + ID_CHUNK)));
      }
    },

    async idsInCategory(category?: string): Promise<string[]> {
      const rows = await orm
        .select({ id: questions.id })
        .from(questions)
        .where(category === undefined ? undefined : eq(questions.category, category));
      return rows.map((r) => r.id);
    },
  };
}
export type D1QuestionStore = ReturnType<typeof d1QuestionStore>;
