import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis/cloudflare";
import { createMiddleware } from "hono/factory";
import { count } from "../cache/stats.ts";
import { hashedId } from "../redis/hashed-id.ts";
import { redisClient } from "../redis/upstash-client.ts";
import type { AppEnv } from "./app-env.ts";
import { AppError } from "./problem.ts";
import { rateLimitKey } from "./rate-limit.ts";

/**
 * Per-learner limits counted in Redis, so they hold across every location (the
 * LEARNER_RATE_LIMITER binding counts per location and stays the first line).
 */
export const GLOBAL_LIMITS = {
  session_start: { name: "session-start", limit: 30, windowS: 60 },
  answer: { name: "answer", limit: 120, windowS: 60 },
} as const;
export type GlobalAction = keyof typeof GLOBAL_LIMITS;

/** Past this, a check is let through (fail open) and counted as a timeout. */
export const GLOBAL_LIMIT_TIMEOUT_MS = 1000;

// Identifiers already refused, until their window resets: answered in the isolate, without Redis.
const refusedInIsolate = new Map<string, number>();

export type GlobalLimitOutcome =
  | { allowed: true; reason: "counted" | "timeout" | "error" | "unconfigured"; remaining?: number }
  | { allowed: false; remaining: 0; retryAfterS: number };

export interface GlobalLimitDeps {
  redis: Redis | null;
  /** Blocked identifiers, shared by the checks of an isolate (a test hands in its own). */
  blocked?: Map<string, number>;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Counts one `action` for `key` in a sliding window (@upstash/ratelimit). Redis timing out or
 * failing lets the request through: the edge binding still limits per location, and refusing
 * every learner while Redis is slow would be worse. Each outcome is counted in the cache stats.
 */
export async function checkGlobalLimit(
  deps: GlobalLimitDeps,
  action: GlobalAction,
  key: string,
): Promise<GlobalLimitOutcome> {
  if (!deps.redis) return { allowed: true, reason: "unconfigured" };
  const { name, limit, windowS } = GLOBAL_LIMITS[action];
  const limiter = new Ratelimit({
    redis: deps.redis,
    limiter: Ratelimit.slidingWindow(limit, `${windowS} s`),
    prefix: `rl:${name}`,
    timeout: deps.timeoutMs ?? GLOBAL_LIMIT_TIMEOUT_MS,
    ephemeralCache: deps.blocked ?? refusedInIsolate,
  });
  count.globalRateLimit("checked");
  let result: Awaited<ReturnType<Ratelimit["limit"]>>;
  try {
    result = await limiter.limit(key);
  } catch (error) {
    count.globalRateLimit("error");
    console.warn("global rate limit unavailable;", error instanceof Error ? error.message : error);
    return { allowed: true, reason: "error" };
  }
  if (result.reason === "timeout") {
    count.globalRateLimit("timeout");
    return { allowed: true, reason: "timeout" };
  }
  if (result.success) return { allowed: true, reason: "counted", remaining: result.remaining };
  count.globalRateLimit("refused");
  const now = deps.now?.() ?? Date.now();
  return { allowed: false, remaining: 0, retryAfterS: Math.max(1, Math.ceil((result.reset - now) / 1000)) };
}

/** The 429 of a refused check, with the policy in IETF RateLimit headers. */
export function globalLimitError(action: GlobalAction, retryAfterS: number): AppError {
  const { name, limit, windowS } = GLOBAL_LIMITS[action];
  return new AppError("rate_limited", `at most ${limit} ${name.replace("-", " ")}s per ${windowS} s; retry later`, {
    headers: {
      "retry-after": String(retryAfterS),
      "ratelimit-policy": `"${name}";q=${limit};w=${windowS}`,
      ratelimit: `"${name}";r=0;t=${retryAfterS}`,
    },
  });
}

/** Applies the global limit of `action` to the learner (or client address) of the request. */
export function globalRateLimit(action: GlobalAction) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Only the POSTs that start or answer count; other methods get their 405 unmetered.
    if (c.req.method !== "POST") return next();
    const redis = redisClient(c.env, { timeoutMs: GLOBAL_LIMIT_TIMEOUT_MS + 500 });
    const key = await hashedId(
      "ratelimit",
      rateLimitKey(c.get("learner")?.id ?? null, c.req.header("cf-connecting-ip")),
    );
    const outcome = await checkGlobalLimit({ redis }, action, key);
    if (!outcome.allowed) throw globalLimitError(action, outcome.retryAfterS);
    await next();
  });
}
