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
 * Limits learner endpoints with the Workers rate-limit binding: 429 problem+json with
 * Retry-After and RateLimit headers once a key is over. The binding failing lets the request
 * through, since refusing every learner is worse than an unmetered minute.
 */
export const learnerRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const key = rateLimitKey(c.var.learner?.id ?? null, c.req.header("cf-connecting-ip"));
  let allowed = true;
  try {
    allowed = (await c.env.LEARNER_RATE_LIMITER.limit({ key })).success;
  } catch (error) {
    console.warn("rate limiter unavailable;", error instanceof Error ? error.message : error);
  }
  if (!allowed) {
    throw new AppError(
      "rate_limited",
      `at most ${LEARNER_RATE_LIMIT.limit} requests per ${LEARNER_RATE_LIMIT.periodS} s; retry later`,
      { headers: { "retry-after": String(LEARNER_RATE_LIMIT.periodS), ...rateLimitHeaders(0) } },
    );
  }
  await next();
});
