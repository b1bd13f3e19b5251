import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { IsolateRateLimiter, LEARNER_RATE_LIMIT } from "../../src/http/rate-limit.ts";
import { serveQuestionFromMemory } from "../../src/questions/memory-fast-path.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { withEnv } from "../helpers/failures.ts";
import { api, BASE } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

/** Requests from one client until the limiter refuses one; returns how many passed and the refusal. */
async function exhaust(
  headers: Record<string, string>,
  ip: string,
  testEnv?: Env,
): Promise<{ passed: number; refused: Response }> {
  let passed = 0;
  // The miniflare limiter counts per fixed window; two windows at most before a refusal.
  while (passed < LEARNER_RATE_LIMIT.limit * 2 + 1) {
    const wave = await Promise.all(
      Array.from({ length: 25 }, () => api("/api/questions/q_ratelimit000000", { headers, ip, env: testEnv })),
    );
    for (const res of wave) {
      if (res.status === 429) return { passed, refused: res };
      expect(res.status).toBe(404);
      passed += 1;
    }
  }
  throw new Error("the limiter never refused");
}

describe("learner rate limit (LEARNER_RATE_LIMITER binding, exhausted for real)", () => {
  it("answers 429 problem+json with Retry-After and RateLimit headers past the limit", async () => {
    const { passed, refused } = await exhaust({}, "198.51.100.7");
    expect(passed).toBeGreaterThanOrEqual(LEARNER_RATE_LIMIT.limit);
    const body = await expectProblem(refused, 429);
    expect(body.detail).toContain("300");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("ratelimit-policy")).toBe('"learner";q=300;w=60');
    expect(refused.headers.get("ratelimit")).toBe('"learner";r=0;t=60');

    // Another address, and admin routes, are not affected.
    expect((await api("/api/questions/q_ratelimit000000", { ip: "198.51.100.8" })).status).toBe(404);
    expect((await api("/api/health", { ip: "198.51.100.7" })).status).not.toBe(429);
  });

  it("keys signed-in learners by their id, not their address", async () => {
    const headers = bearer(await learnerToken("rate-limited-learner"));
    const { refused } = await exhaust(headers, "198.51.100.9");
    await expectProblem(refused, 429);
    // Same address, anonymous: its own budget.
    expect((await api("/api/questions/q_ratelimit000000", { ip: "198.51.100.9" })).status).toBe(404);
  });
});

describe("a failing binding", () => {
  it("lets the request pass, routed and from the memory fast path", async () => {
    const q = (await questionBank())[0] as Question;
    await seedD1(env.DB, [q]);
    const broken = withEnv({
      LEARNER_RATE_LIMITER: { limit: () => Promise.reject(new Error("rate limiter binding is failing")) },
    });
    const routed = await api(`/api/questions/${q.id}`, { env: broken });
    expect([routed.status, routed.headers.get("x-cache")]).toEqual([200, "D1"]);
    const fast = await serveQuestionFromMemory(new Request(`${BASE}/api/questions/${q.id}`), broken);
    expect([fast?.status, fast?.headers.get("x-cache")]).toEqual([200, "MEMORY"]);
  });
});

describe("without the binding", () => {
  it("limits with the isolate-local limiter, same policy and same 429", async () => {
    const unbound = { ...env, LEARNER_RATE_LIMITER: undefined } as unknown as Env;
    const { passed, refused } = await exhaust({}, "198.51.100.20", unbound);
    expect(passed).toBe(LEARNER_RATE_LIMIT.limit);
    await expectProblem(refused, 429);
    expect(refused.headers.get("ratelimit-policy")).toBe('"learner";q=300;w=60');
  });

  it("counts per key in fixed windows and stays bounded", async () => {
    const limiter = new IsolateRateLimiter(2, 60, 3);
    const at = (s: number) => s * 1000;
    expect((await limiter.limit({ key: "a" }, at(0))).success).toBe(true);
    expect((await limiter.limit({ key: "a" }, at(1))).success).toBe(true);
    expect((await limiter.limit({ key: "a" }, at(2))).success).toBe(false);
    expect((await limiter.limit({ key: "b" }, at(2))).success).toBe(true);
    expect((await limiter.limit({ key: "a" }, at(60))).success).toBe(true); // next window
    for (const key of ["c", "d", "e", "f"]) expect((await limiter.limit({ key }, at(61))).success).toBe(true);
  });
});
