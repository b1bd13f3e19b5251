import { inject } from "vitest";
import { resetCacheGeneration } from "../../src/cache/generation.ts";
import { purgeTiming } from "../../src/cache/kv-purge.ts";
import { cacheStats, resetCacheStats } from "../../src/cache/stats.ts";
import { clearIsolateMemory } from "../../src/cache/tiered-cache.ts";

/**
 * Forgets what this isolate has cached and counted (memory, counters, the generation it last
 * read); KV, D1 and the HTTP cache keep their contents. Purges repeat their KV deletes after
 * 10 ms instead of seconds, so waiting for a request's background work stays quick.
 */
export function resetIsolateCache(): void {
  purgeTiming.redeleteAfterMs = 10;
  clearIsolateMemory();
  resetCacheStats();
  resetCacheGeneration();
}

/**
 * The origin behind a proxy that counts the statements reaching it on the wire
 * (test/node/statement-counter.ts), whatever the origin is (PGlite or PostgreSQL). Only
 * requests given this binding go through it; `statements` reads the count since `reset`.
 */
export function countedOrigin(): { binding: Hyperdrive; reset(): Promise<void>; statements(): Promise<number> } {
  const read = async (method: "GET" | "POST") => {
    const res = await fetch(inject("statementCounterUrl"), { method });
    return ((await res.json()) as { statements: number }).statements;
  };
  return {
    binding: { connectionString: inject("countedOriginUrl") } as Hyperdrive,
    reset: async () => {
      await read("POST");
    },
    statements: () => read("GET"),
  };
}

/** Origin queries made by the tiered cache in this isolate since the last reset. */
export function originQueries(): number {
  return cacheStats().originQueries;
}
