import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { AppError } from "./problem.ts";

/**
 * The learner limit, as configured on the LEARNER_RATE_LIMITER binding in wrangler.toml
 * (the binding cannot report its own settings, so keep the two in step).
 */
export const LEARNER_RATE_LIMIT = { name: "learner", limit: 300, periodS: 60 } as const;

/** IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers) describing the policy. */
export function rateLimitHeaders(remaining: number): Record<string, string> {
  const { name, limit, periodS } = LEARNER_RATE_LIMIT;
  return {
    "ratelimit-policy": `"${name}";q=${limit};w=${periodS}`,
    ratelimit: `"${name}";r=${remaining};t=${periodS}`,
  };
}

/** A learner by id when signed in, else the client address Cloudflare reports. */
export function rateLimitKey(learnerId: string | null, clientIp: string | undefined): string {
  return learnerId ? `learner:${learnerId}` : `ip:${clientIp ?? "unknown"}`;
}

/**
 * The binding's contract (fixed windows per key) over a map in this isolate. Used where no
 * LEARNER_RATE_LIMITER binding is configured (self-hosted workerd, the benchmark), so learner
 * endpoints are never unmetered; each isolate then counts on its own.
 */
export class IsolateRateLimiter {
  readonly #windows = new Map<string, { epoch: number; count: number }>();
  readonly #limit: number;
  readonly #periodMs: number;
  readonly #maxKeys: number;

  constructor(limit: number, periodS: number, maxKeys = 10_000) {
    this.#limit = limit;
    this.#periodMs = periodS * 1000;
    this.#maxKeys = maxKeys;
  }

  async limit({ key }: RateLimitOptions, now = Date.now()): Promise<RateLimitOutcome> {
    const epoch = Math.floor(now / this.#periodMs);
    const current = this.#windows.get(key);
    const count = current?.epoch === epoch ? current.count : 0;
    if (count >= this.#limit) return { success: false };
    if (this.#windows.size >= this.#maxKeys && !current) this.#forgetOldWindows(epoch);
    this.#windows.set(key, { epoch, count: count + 1 });
    return { success: true };
  }

  /** At capacity: sweep past windows if the oldest entry is one, else drop the oldest entry. O(1) amortized. */
  #forgetOldWindows(epoch: number): void {
    const [oldestKey, oldest] = this.#windows.entries().next().value as [string, { epoch: number }];
    if (oldest.epoch === epoch) {
      this.#windows.delete(oldestKey);
      return;
    }
    for (const [key, window] of this.#windows) if (window.epoch !== epoch) this.#windows.delete(key);
  }
}

const isolateLimiter = new IsolateRateLimiter(LEARNER_RATE_LIMIT.limit, LEARNER_RATE_LIMIT.periodS);

/**
 * Whether the learner rate limit lets `key` through: the LEARNER_RATE_LIMITER binding, or
 * without one the isolate's limiter. The binding failing lets the request through, since
 * refusing every learner is worse than an unmetered minute.
 */
export async function learnerAllowed(env: Partial<Pick<Env, "LEARNER_RATE_LIMITER">>, key: string): Promise<boolean> {
  try {
    return (await (env.LEARNER_RATE_LIMITER ?? isolateLimiter).limit({ key })).success;
  } catch (error) {
    console.warn("rate limiter unavailable;", error instanceof Error ? error.message : error);
    return true;
  }
}

/** The 429 a refused learner gets: problem+json with Retry-After and RateLimit headers. */
export function rateLimitedError(): AppError {
  return new AppError(
    "rate_limited",
    `at most ${LEARNER_RATE_LIMIT.limit} requests per ${LEARNER_RATE_LIMIT.periodS} s; retry later`,
    { headers: { "retry-after": String(LEARNER_RATE_LIMIT.periodS), ...rateLimitHeaders(0) } },
  );
}

/** Limits learner endpoints per learner (or client address). */
export const learnerRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const key = rateLimitKey(c.get("learner")?.id ?? null, c.req.header("cf-connecting-ip"));
  if (!(await learnerAllowed(c.env, key))) throw rateLimitedError();
  await next();
});
