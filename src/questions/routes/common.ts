import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { SourceName } from "../../cache/stats.ts";
import { serverTimingHeader, type Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { problemContent } from "../../http/problem.ts";
import type { QueryDeps } from "../query-cache.ts";

/** The seed architecture's HTTP caching for questions: an hour fresh, a day stale-while-revalidate. */
export const QUESTION_CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400";
/** Listings and searches change as the bank does. */
export const QUERY_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

/** The read services' dependencies, from the request (`c.get`: `c.var` copies every variable). */
export function queryDeps(c: Context<AppEnv>): QueryDeps {
  return {
    env: c.env,
    origin: c.get("origin"),
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
    httpCache: caches.default,
  };
}

export interface Served {
  source: SourceName;
  stale: boolean;
  timings: Timings;
  /** `performance.now()` when the request started. */
  startedAt: number;
  cacheControl: string;
}

/** Which tier answered (`x-cache`), whether it was stale, where the time went, and caching. */
export function cacheHeaderValues(served: Served): Record<string, string> {
  const headers: Record<string, string> = {
    "x-cache": served.source,
    "server-timing": serverTimingHeader(served.timings, performance.now() - served.startedAt),
    "cache-control": served.cacheControl,
  };
  if (served.stale) headers["x-cache-state"] = "stale";
  return headers;
}

export function setCacheHeaders(c: Context<AppEnv>, served: Served): void {
  for (const [name, value] of Object.entries(cacheHeaderValues(served))) c.header(name, value);
}

/** The slowest source among several (a batch is as cold as its coldest item). */
export function coldest(sources: SourceName[]): SourceName {
  const order: SourceName[] = ["MEMORY", "CACHE", "KV", "D1", "ORIGIN"];
  return sources.reduce<SourceName>((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), "MEMORY");
}

export const cachedResponseHeaders = z.object({
  "x-cache": z
    .enum(["MEMORY", "CACHE", "KV", "D1", "ORIGIN"])
    .openapi({ description: "Tier that served the response." }),
  "x-cache-state": z.literal("stale").optional().openapi({
    description: "Present when the entry was stale: served while refreshing, or because a source is down.",
  }),
  "server-timing": z
    .string()
    .openapi({ description: "Milliseconds per tier touched, e.g. `memory;dur=0, kv;dur=1.2, total;dur=1.4`." }),
});

export const learnerErrors = {
  400: problemContent("A parameter is not valid"),
  429: problemContent("Rate limited; see Retry-After and RateLimit headers"),
  503: problemContent("Not cached at the edge and the source is unreachable; see Retry-After"),
} as const;
