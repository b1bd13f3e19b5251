import type { Context } from "hono";
import type { TierName } from "../cache/stats.ts";
import type { AppEnv } from "../http/app-env.ts";

const TIMING_NAMES: Record<TierName, string> = { MEMORY: "mem", KV: "kv", D1: "d1", ORIGIN: "origin" };

/** The seed architecture's HTTP caching: an hour fresh, a day stale-while-revalidate. */
export const QUESTION_CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400";

/** Says which tier answered and how long each tier took. */
export function setCacheHeaders(c: Context<AppEnv>, tier: TierName, timings: Partial<Record<TierName, number>>): void {
  c.header("x-cache", tier);
  c.header(
    "server-timing",
    Object.entries(timings)
      .map(([t, ms]) => `${TIMING_NAMES[t as TierName]};dur=${(ms ?? 0).toFixed(2)}`)
      .join(", "),
  );
}

/** The slowest tier that served any part of a response. */
export function slowestTier(tiers: Iterable<TierName>): TierName {
  const order: TierName[] = ["MEMORY", "KV", "D1", "ORIGIN"];
  let worst = 0;
  for (const t of tiers) worst = Math.max(worst, order.indexOf(t));
  return order[worst] as TierName;
}
