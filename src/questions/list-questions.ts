import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions } from "../../schemas/d1-tables.ts";
import { toPublicQuestion } from "../../schemas/question.ts";
import type { QuestionFilters, QuestionPage } from "../../schemas/question-api.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { TieredCache } from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import { AppError } from "../http/problem.ts";
import { type QueryDeps, queryPolicy, readQuery } from "./query-cache.ts";

const firstPages = new TieredCache<QuestionPage>(queryPolicy("page"));
/**
 * Any id-shaped cursor is accepted, so a client can make up page keys without end: pages after
 * a cursor get a small memory pool of their own (the Cache API tier still holds them).
 */
export const PAGES_AFTER_CURSOR_MEMORY = { maxBytes: 4 * 1024 * 1024, maxEntries: 1_000 };
const pagesAfterCursor = new TieredCache<QuestionPage>({
  ...queryPolicy("page-after"),
  memory: PAGES_AFTER_CURSOR_MEMORY,
});

/** Conditions for the learner filters over active questions (D1 table). */
export function filterConditions(filters: QuestionFilters): SQL[] {
  const conditions: SQL[] = [eq(questions.status, "active")];
  if (filters.category) conditions.push(eq(questions.category, filters.category));
  if (filters.difficulty) conditions.push(eq(questions.difficulty, filters.difficulty));
  if (filters.bloom_level) conditions.push(eq(questions.bloomLevel, filters.bloom_level));
  if (filters.language) conditions.push(eq(questions.language, filters.language));
  return conditions;
}

/** Cursors are opaque to clients: the last id of the page, base64url-encoded. */
export function encodeCursor(lastId: string): string {
  return btoa(lastId).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string): string {
  try {
    const id = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) return id;
  } catch {
    // falls through to the error
  }
  throw new AppError("bad_request", "the cursor is not one this API issued", {
    errors: [{ path: "cursor", message: "use nextCursor from the previous page" }],
  });
}

/**
 * One page of active questions in id order, after the cursor (keyset pagination: stable
 * under inserts, no OFFSET scans). Pages are cached a minute at the edge.
 */
export async function listQuestions(
  deps: QueryDeps,
  filters: QuestionFilters,
  page: { limit: number; cursor?: string },
  timings: Timings,
): Promise<CacheResult<QuestionPage>> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const key = JSON.stringify([
    filters.category,
    filters.difficulty,
    filters.bloom_level,
    filters.language,
    page.limit,
    after,
  ]);
  return readQuery(
    after === undefined ? firstPages : pagesAfterCursor,
    deps,
    key,
    {
      name: "D1",
      load: async () => {
        const conditions = filterConditions(filters);
        if (after !== undefined) conditions.push(gt(questions.id, after));
        const rows = await drizzle(deps.env.DB)
          .select()
          .from(questions)
          .where(and(...conditions))
          .orderBy(asc(questions.id))
          .limit(page.limit + 1);
        const shown = rows.slice(0, page.limit);
        const last = shown.at(-1);
        return {
          questions: shown.map((row) => toPublicQuestion({ ...row, explanation: row.explanation ?? null })),
          nextCursor: rows.length > page.limit && last ? encodeCursor(last.id) : null,
        };
      },
    },
    timings,
  );
}
