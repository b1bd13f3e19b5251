import { and } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions } from "../../schemas/d1-tables.ts";
import type { Question } from "../../schemas/question.ts";
import type { QuestionFilters } from "../../schemas/question-api.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { TieredCache } from "../cache/tiered-cache.ts";
import { mergeTimings, type Timings } from "../cache/timings.ts";
import { filterConditions } from "./list-questions.ts";
import { type QueryDeps, queryPolicy, readQuery } from "./query-cache.ts";
import { questionCache } from "./question-cache.ts";
import { readQuestion } from "./read-questions.ts";

/** Ids matching a filter: picking from a cached pool keeps random picks off D1 and the origin. */
const pools = new TieredCache<string[]>(queryPolicy("pool"));
/** A picked id can have been removed since the pool was read; try a few others before giving up. */
const ATTEMPTS = 3;

function poolKey(filters: QuestionFilters): string {
  return JSON.stringify([filters.category, filters.difficulty, filters.bloom_level, filters.language]);
}

/**
 * A pick among all active questions from isolate memory alone: the pool and the picked
 * question both fresh there, or null (the caller then takes the routed path, which also
 * retries a pick that left the bank). Uncounted: the caller counts what it serves.
 */
export function randomQuestionFromMemory(random: () => number = Math.random): CacheResult<Question> | null {
  const ids = pools.peek(poolKey({}), { count: false })?.value;
  if (!ids?.length) return null;
  const hit = questionCache.peek(ids[Math.floor(random() * ids.length)] as string, { count: false });
  return hit?.value ? hit : null;
}

/**
 * A uniformly random active question matching the filters, served through the question
 * cache; null when nothing matches.
 */
export async function randomQuestion(
  deps: QueryDeps,
  filters: QuestionFilters,
  timings: Timings,
  random: () => number = Math.random,
): Promise<CacheResult<Question> | null> {
  const key = poolKey(filters);
  const pool = await readQuery(
    pools,
    deps,
    key,
    {
      name: "D1",
      load: async () => {
        const rows = await drizzle(deps.env.DB)
          .select({ id: questions.id })
          .from(questions)
          .where(and(...filterConditions(filters)));
        return rows.map((r) => r.id);
      },
    },
    timings,
  );
  const ids = [...(pool.value ?? [])];
  for (let attempt = 0; attempt < ATTEMPTS && ids.length > 0; attempt++) {
    const [id] = ids.splice(Math.floor(random() * ids.length), 1) as [string];
    const own: Timings = {};
    const result = await readQuestion(deps, id, own);
    mergeTimings(timings, own);
    if (result.value) return result;
  }
  return null;
}
