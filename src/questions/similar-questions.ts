import type { Question } from "../../schemas/question.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { TieredCache } from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import type { OriginConnection } from "../origin/client.ts";
import { type QueryDeps, readQuery } from "./query-cache.ts";
import { QUESTION_CACHE_POLICY } from "./question-cache.ts";
import { readQuestions } from "./read-questions.ts";

/** How many neighbours are computed and cached per question; requests take a prefix. */
export const SIMILAR_COMPUTED = 20;
export const SIMILAR_NAMESPACE = "similar";

// Neighbour lists hold ids only (question content comes through the question cache), so they
// age like questions do.
const neighbours = new TieredCache<string[]>({ ...QUESTION_CACHE_POLICY, namespace: SIMILAR_NAMESPACE });

/**
 * Lexical neighbours at the origin: questions of the same category ranked by Postgres
 * full-text rank against the source question's words (any of them, not all), then by shared
 * tags. Built-in `english` text search only, so PGlite and stock PostgreSQL agree.
 */
export async function computeSimilarIds(origin: OriginConnection, id: string, limit: number): Promise<string[]> {
  const rows = await origin.sql<{ id: string }[]>`
    WITH src AS (
      SELECT id, category, tags,
             NULLIF(replace(plainto_tsquery('english', text)::text, ' & ', ' | '), '') AS terms
      FROM questions WHERE id = ${id}
    )
    SELECT q.id
    FROM questions q, src
    WHERE q.status = 'active' AND q.id <> src.id AND q.category = src.category
    ORDER BY
      CASE WHEN src.terms IS NULL THEN 0
           ELSE ts_rank(to_tsvector('english', q.text), to_tsquery('english', src.terms)) END DESC,
      (SELECT count(*) FROM jsonb_array_elements_text(q.tags) AS t(tag) WHERE src.tags ? t.tag) DESC,
      q.id
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export interface SimilarResult {
  /** Where the neighbour list came from (MEMORY, KV or ORIGIN). */
  list: CacheResult<string[]>;
  questions: Question[];
}

/** The `limit` most similar active questions to `id` (which the caller has found to exist). */
export async function similarQuestions(
  deps: QueryDeps,
  id: string,
  limit: number,
  timings: Timings,
): Promise<SimilarResult> {
  const list = await readQuery(
    neighbours,
    deps,
    id,
    { name: "ORIGIN", load: () => computeSimilarIds(deps.origin(), id, SIMILAR_COMPUTED) },
    timings,
  );
  const ids = (list.value ?? []).slice(0, limit);
  const batch = await readQuestions(deps, ids, timings);
  return { list, questions: batch.found.map((f) => f.question) };
}
