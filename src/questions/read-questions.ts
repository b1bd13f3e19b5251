import type { Question } from "../../schemas/question.ts";
import { cacheGeneration, recentCacheGeneration } from "../cache/generation.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { SourceUnavailableError } from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import { unavailable } from "../http/problem.ts";
import { questionCache, questionSources, type ReadDeps } from "./question-cache.ts";

/** One active question through every tier; `value` is null when it does not exist. 503 when unanswerable. */
export async function readQuestion(deps: ReadDeps, id: string, timings: Timings): Promise<CacheResult<Question>> {
  // The hot path: a recent generation (no purge to apply) and a fresh entry in memory.
  if (!recentCacheGeneration()) await cacheGeneration(deps.env.QUESTIONS_KV);
  const hit = questionCache.peek(id);
  if (hit) return hit;
  try {
    return await questionCache.get(id, await questionSources(deps), timings);
  } catch (error) {
    if (error instanceof SourceUnavailableError) {
      throw unavailable("the question is not cached at the edge and the origin is unreachable; retry shortly", error);
    }
    throw error;
  }
}

export interface QuestionBatch {
  /** Found questions with the tier that served each, in request order (duplicates dropped). */
  found: { question: Question; source: CacheResult<Question>["source"]; stale: boolean }[];
  notFound: string[];
  /** Ids neither cached nor loadable because a source is down. */
  unavailable: string[];
  /** Where every answered id (found or known unknown) came from. */
  sources: CacheResult<Question>["source"][];
}

/** Many questions in one pass per tier. */
export async function readQuestions(deps: ReadDeps, ids: string[], timings: Timings): Promise<QuestionBatch> {
  const results = await questionCache.getMany(ids, await questionSources(deps), timings);
  const batch: QuestionBatch = { found: [], notFound: [], unavailable: [], sources: [] };
  for (const id of new Set(ids)) {
    const result = results.get(id);
    if (!result || "error" in result) {
      batch.unavailable.push(id);
      continue;
    }
    batch.sources.push(result.source);
    if (result.value === null) batch.notFound.push(id);
    else batch.found.push({ question: result.value, source: result.source, stale: result.stale });
  }
  return batch;
}
