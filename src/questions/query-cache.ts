import { cacheGeneration } from "../cache/generation.ts";
import { HttpCacheTier } from "../cache/http-cache-tier.ts";
import { KvTier } from "../cache/kv-tier.ts";
import type { SourceName } from "../cache/stats.ts";
import {
  type CachePolicy,
  type CacheResult,
  type CacheSources,
  SourceUnavailableError,
  type TieredCache,
} from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import { unavailable } from "../http/problem.ts";
import type { ReadDeps } from "./question-cache.ts";

const MINUTE = 60_000;

/** Query results (pages, searches, random pools) change with the bank: fresh a minute, stale ten. */
export function queryPolicy(namespace: string): CachePolicy {
  return { namespace, freshMs: MINUTE, staleMs: 10 * MINUTE, negativeMs: MINUTE, staleIfErrorMs: 24 * 60 * MINUTE };
}

export interface QueryDeps extends ReadDeps {
  /** The data centre's HTTP cache (`caches.default`). */
  httpCache: Cache;
}

/**
 * Reads one computed result through memory and a shared tier: the Cache API for D1 queries
 * (cheap, per data centre), KV for origin computations (global, worth a write).
 */
export async function readQuery<T>(
  cache: TieredCache<T>,
  deps: QueryDeps,
  key: string,
  loader: { name: SourceName; load: () => Promise<T> },
  timings: Timings,
): Promise<CacheResult<T>> {
  const { generation, kvEpoch } = await cacheGeneration(deps.env.QUESTIONS_KV);
  const namespace = cache.policy.namespace;
  const shared =
    loader.name === "ORIGIN"
      ? new KvTier<T>(deps.env.QUESTIONS_KV, `${namespace}:${kvEpoch}`)
      : new HttpCacheTier<T>(deps.httpCache, namespace, generation);
  const sources: CacheSources<T> = {
    tiers: [shared],
    loader: { name: loader.name, load: async () => new Map([[key, await loader.load()]]) },
    waitUntil: deps.waitUntil,
  };
  try {
    return await cache.get(key, sources, timings);
  } catch (error) {
    if (error instanceof SourceUnavailableError) {
      throw unavailable(
        `${loader.name === "D1" ? "the edge database" : "the origin"} is unreachable; retry shortly`,
        error,
      );
    }
    throw error;
  }
}
