import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { AppError } from "./problem.ts";

/** Mirrors `simple = { limit, period }` of the LEARNER_RATE_LIMITER binding in wrangler.toml. */
export const LEARNER_RATE_POLICY = { limit: 300, periodSeconds: 60 };

const POLICY_HEADER = `"learner";q=${LEARNER_RATE_POLICY.limit};w=${LEARNER_RATE_POLICY.periodSeconds}`;

/**
 * Learner endpoints are limited per learner (or per client IP when anonymous) with the
 * Workers rate-limit binding; over the limit is 429 with the IETF RateLimit headers.
 */
export const learnerRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.var.learner ? `user:${c.var.learner.id}` : `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`;
  const { success } = await c.env.LEARNER_RATE_LIMITER.limit({ key });
  if (!success) {
    throw new AppError("rate_limited", "too many requests; slow down", {
      headers: {
        "retry-after": String(LEARNER_RATE_POLICY.periodSeconds),
        "ratelimit-policy": POLICY_HEADER,
        ratelimit: `"learner";r=0;t=${LEARNER_RATE_POLICY.periodSeconds}`,
      },
    });
  }
  await next();
  c.header("ratelimit-policy", POLICY_HEADER);
});
