/** Where a value came from: a cache tier or the source behind it. */
export const SOURCES = ["MEMORY", "CACHE", "KV", "D1", "ORIGIN", "REDIS"] as const;
export type SourceName = (typeof SOURCES)[number];

export interface SourceCounters {
  /** Fresh entries (or, for a loader, keys it found). */
  hits: number;
  /** Lookups that found nothing usable. */
  misses: number;
  /** Entries past their fresh window served while revalidating, or because every source failed. */
  staleServed: number;
  /** Failed reads or writes; the lookup moved on to the next tier. */
  errors: number;
}

export interface CacheStats {
  sources: Record<SourceName, SourceCounters>;
  /** Round trips to the Postgres origin made by the tiered cache's loaders. */
  originQueries: number;
  /** Lookups that waited for another request's in-flight load instead of starting one. */
  coalesced: number;
  /** Unknown keys answered from a negative entry. */
  negativeHits: number;
  /** Background refreshes started for stale entries. */
  revalidations: number;
  /** The global (Upstash) rate limit: checks made, refusals, and checks let through unanswered. */
  globalRateLimit: { checks: number; refused: number; timeouts: number; errors: number };
  /** When the counters started (isolate start or the last reset). */
  since: string;
}

function zeroed(): CacheStats {
  const sources = Object.fromEntries(
    SOURCES.map((s) => [s, { hits: 0, misses: 0, staleServed: 0, errors: 0 }]),
  ) as Record<SourceName, SourceCounters>;
  return {
    sources,
    originQueries: 0,
    coalesced: 0,
    negativeHits: 0,
    revalidations: 0,
    globalRateLimit: { checks: 0, refused: 0, timeouts: 0, errors: 0 },
    since: new Date().toISOString(),
  };
}

// Per isolate: Workers have no shared memory, and adding them up across isolates would need
// a write per request. Admins read them as a sample of one isolate.
let stats = zeroed();

export const count = {
  hit: (source: SourceName, n = 1) => {
    stats.sources[source].hits += n;
  },
  miss: (source: SourceName, n = 1) => {
    stats.sources[source].misses += n;
  },
  stale: (source: SourceName, n = 1) => {
    stats.sources[source].staleServed += n;
  },
  error: (source: SourceName) => {
    stats.sources[source].errors += 1;
  },
  originQuery: () => {
    stats.originQueries += 1;
  },
  coalesced: (n = 1) => {
    stats.coalesced += n;
  },
  negativeHit: () => {
    stats.negativeHits += 1;
  },
  revalidation: () => {
    stats.revalidations += 1;
  },
  globalRateLimit: (outcome: "checked" | "refused" | "timeout" | "error") => {
    const counters = stats.globalRateLimit;
    if (outcome === "checked") counters.checks += 1;
    else if (outcome === "refused") counters.refused += 1;
    else if (outcome === "timeout") counters.timeouts += 1;
    else counters.errors += 1;
  },
};

/** A copy of this isolate's counters. */
export function cacheStats(): CacheStats {
  return structuredClone(stats);
}

export function resetCacheStats(): void {
  stats = zeroed();
}
