import { toPublicQuestion } from "../../schemas/question.ts";
import type { QuestionFilters, SearchResults } from "../../schemas/question-api.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { TieredCache } from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import { AppError } from "../http/problem.ts";
import { readD1Questions } from "./d1-store.ts";
import { type QueryDeps, queryPolicy, readQuery } from "./query-cache.ts";

const searches = new TieredCache<SearchResults>(queryPolicy("search"));
const MAX_TERMS = 10;

/**
 * An FTS5 MATCH expression from free text: words only, each quoted (so operators and column
 * filters in the input are plain words), all required, the last one as a prefix.
 */
export function ftsQuery(text: string): string {
  const words = (text.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (words.length === 0) {
    throw new AppError("bad_request", "the search needs at least one word", {
      errors: [{ path: "q", message: "letters or digits are required" }],
    });
  }
  return words.map((w, i) => (i === words.length - 1 && w.length >= 2 ? `"${w}"*` : `"${w}"`)).join(" ");
}

/** Ranked ids for a match expression and filters, from the FTS index joined to active questions. */
async function matchIds(db: D1Database, match: string, filters: QuestionFilters, limit: number): Promise<string[]> {
  const clauses = ["questions_fts MATCH ?1", "q.status = 'active'"];
  const params: (string | number)[] = [match];
  if (filters.category) {
    params.push(filters.category);
    clauses.push(`q.category = ?${params.length}`);
  }
  if (filters.difficulty) {
    params.push(filters.difficulty);
    clauses.push(`q.difficulty = ?${params.length}`);
  }
  if (filters.bloom_level) {
    params.push(filters.bloom_level);
    clauses.push(`q.bloom_level = ?${params.length}`);
  }
  if (filters.language) {
    params.push(filters.language);
    clauses.push(`q.language = ?${params.length}`);
  }
  params.push(limit);
  // bm25 weights: the question text counts most, then tags, then choice texts.
  const { results } = await db
    .prepare(
      `SELECT q.id AS id FROM questions_fts JOIN questions q ON q.rowid = questions_fts.rowid
       WHERE ${clauses.join(" AND ")}
       ORDER BY bm25(questions_fts, 10.0, 2.0, 4.0), q.id LIMIT ?${params.length}`,
    )
    .bind(...params)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Full-text search over the edge copy (D1 FTS5), best match first; results cached a minute. */
export async function searchQuestions(
  deps: QueryDeps,
  text: string,
  filters: QuestionFilters,
  limit: number,
  timings: Timings,
): Promise<CacheResult<SearchResults>> {
  const match = ftsQuery(text);
  const key = JSON.stringify([
    match,
    filters.category,
    filters.difficulty,
    filters.bloom_level,
    filters.language,
    limit,
  ]);
  return readQuery(
    searches,
    deps,
    key,
    {
      name: "D1",
      load: async () => {
        const ids = await matchIds(deps.env.DB, match, filters, limit);
        const found = await readD1Questions(deps.env.DB, ids);
        return {
          questions: ids.flatMap((id) => {
            const question = found.get(id);
            return question ? [toPublicQuestion(question)] : [];
          }),
        };
      },
    },
    timings,
  );
}
