export const TIERS = ["MEMORY", "KV", "D1", "ORIGIN"] as const;
export type TierName = (typeof TIERS)[number];

export interface TierCounters {
  hits: number;
  misses: number;
  staleServed: number;
  errors: number;
}

function zero(): TierCounters {
  return { hits: 0, misses: 0, staleServed: 0, errors: 0 };
}

/** Per-isolate counters of the read path; admins read them at /api/admin/cache/stats. */
export const cacheStats = {
  startedAt: new Date().toISOString(),
  tiers: Object.fromEntries(TIERS.map((t) => [t, zero()])) as Record<TierName, TierCounters>,
  /** Queries that reached the Postgres origin (one per coalesced batch of keys). */
  originQueries: 0,
  /** Requests that joined a load already in flight instead of starting their own. */
  coalesced: 0,
  negativeHits: 0,
};

export function snapshotStats() {
  return structuredClone(cacheStats);
}
