import { env } from "cloudflare:test";
import { Redis } from "@upstash/redis/cloudflare";
import { describe, expect, inject, it } from "vitest";
import { cacheStats, resetCacheStats } from "../../src/cache/stats.ts";
import { createAppShell } from "../../src/http/app.ts";
import { checkGlobalLimit, GLOBAL_LIMITS, globalRateLimit } from "../../src/http/global-rate-limit.ts";
import { redisClient } from "../../src/redis/upstash-client.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

const redis = () => redisClient(env, { timeoutMs: 5000 });
const unique = (name: string) => `${name}-${crypto.randomUUID()}`;

describe("global rate limit (@upstash/ratelimit, sliding window, through the bridge to redis-server)", () => {
  it("counts one learner across locations: two isolates with their own caches share one budget", async () => {
    const key = unique("learner");
    const { limit } = GLOBAL_LIMITS.session_start;
    const locations = [new Map<string, number>(), new Map<string, number>()];
    const outcomes = [];
    for (let i = 0; i <= limit; i++) {
      outcomes.push(await checkGlobalLimit({ redis: redis(), blocked: locations[i % 2] }, "session_start", key));
    }
    expect(outcomes.slice(0, limit).every((o) => o.allowed && o.reason === "counted")).toBe(true);
    expect(outcomes[limit]).toMatchObject({ allowed: false, remaining: 0 });
    // Another learner and another action have their own budgets.
    expect(await checkGlobalLimit({ redis: redis() }, "session_start", unique("other"))).toMatchObject({
      allowed: true,
    });
    expect(await checkGlobalLimit({ redis: redis() }, "answer", key)).toMatchObject({
      allowed: true,
      reason: "counted",
    });
  });

  it("fails open when Redis does not answer in time, and counts it in the cache stats", async () => {
    resetCacheStats();
    const silent = new Redis({
      url: inject("silentRedisRestUrl"),
      token: "t",
      retry: false,
      enableAutoPipelining: false,
      signal: () => AbortSignal.timeout(2000),
    });
    const outcome = await checkGlobalLimit({ redis: silent, timeoutMs: 50 }, "answer", unique("slow"));
    expect(outcome).toEqual({ allowed: true, reason: "timeout" });
    expect(cacheStats().globalRateLimit).toEqual({ checks: 1, refused: 0, timeouts: 1, errors: 0 });
  });

  it("fails open when Redis refuses the request (wrong token), counted as an error", async () => {
    resetCacheStats();
    const wrong = redisClient(
      { UPSTASH_REDIS_REST_URL: inject("redisRestUrl"), UPSTASH_REDIS_REST_TOKEN: "wrong" },
      {
        timeoutMs: 5000,
      },
    );
    expect(await checkGlobalLimit({ redis: wrong }, "answer", unique("err"))).toEqual({
      allowed: true,
      reason: "error",
    });
    expect(cacheStats().globalRateLimit).toMatchObject({ checks: 1, errors: 1 });
  });

  it("is skipped where no Upstash database is configured", async () => {
    expect(await checkGlobalLimit({ redis: redisClient({}, { timeoutMs: 1 }) }, "answer", "x")).toEqual({
      allowed: true,
      reason: "unconfigured",
    });
  });

  it("answers 429 problem+json with Retry-After and the policy once a learner is over it", async () => {
    const app = createAppShell().post("/api/limited", globalRateLimit("session_start"), (c) => c.json({ ok: true }));
    const learnerId = unique("learner");
    const headers = { ...bearer(await learnerToken(learnerId)), "content-type": "application/json" };
    const call = () => app.request("/api/limited", { method: "POST", headers, body: "{}" }, env);
    for (let i = 0; i < GLOBAL_LIMITS.session_start.limit; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-policy")).toBe('"session-start";q=30;w=60');
    expect(cacheStats().globalRateLimit.refused).toBeGreaterThan(0);
    // Redis holds a hash of the learner id, never the id.
    const keys = await (redis() as NonNullable<ReturnType<typeof redis>>).keys("rl:session-start:*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes(learnerId))).toBe(false);
  });
});
