import { createRoute, z } from "@hono/zod-openapi";
import { LeaderboardPeriod, LeaderboardQuery, LeaderboardResponse } from "../../schemas/leaderboard-api.ts";
import { SourceUnavailableError } from "../cache/tiered-cache.ts";
import { ANONYMOUS_OR_LEARNER } from "../http/openapi-security.ts";
import { AppError, problemContent } from "../http/problem.ts";
import { learnerRateLimit } from "../http/rate-limit.ts";
import { createRouter } from "../http/router.ts";
import { redisClient } from "../redis/upstash-client.ts";
import { readBoard, readOwnPlace } from "./read-board.ts";

const REDIS_TIMEOUT_MS = 2_000;

const route = createRoute({
  method: "get",
  operationId: "getLeaderboard",
  middleware: [learnerRateLimit] as const,
  security: ANONYMOUS_OR_LEARNER,
  path: "/api/leaderboards/{period}",
  tags: ["Leaderboards"],
  summary: "A leaderboard",
  description:
    "The top learners of the UTC day, the ISO week or all time, overall or in one category, by points (10 × the difficulty level of each right answer; equal points: who reached them first ranks higher). Cached at the edge for 5 s. With a learner token, `me` gives the caller's own rank and points, read live.",
  request: { params: z.object({ period: LeaderboardPeriod }), query: LeaderboardQuery },
  responses: {
    200: { description: "The board", content: { "application/json": { schema: LeaderboardResponse } } },
    400: problemContent("Unknown period, or a bad category or limit"),
    401: problemContent("A token was sent and is not valid"),
    429: problemContent("Rate limited; see Retry-After"),
    503: problemContent("Redis is unreachable (or not configured) and nothing is cached; see Retry-After"),
  },
});

function unavailable(detail: string, cause?: unknown): AppError {
  return new AppError("unavailable", detail, { headers: { "retry-after": "10" }, cause });
}

export const leaderboardRoutes = createRouter().openapi(route, async (c) => {
  const { period } = c.req.valid("param");
  const { category, limit } = c.req.valid("query");
  const redis = redisClient(c.env, { timeoutMs: REDIS_TIMEOUT_MS });
  if (!redis) throw unavailable("leaderboards are not configured (UPSTASH_REDIS_REST_URL)");
  const now = Date.now();
  const deps = { redis, httpCache: caches.default, waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p) };
  let board: Awaited<ReturnType<typeof readBoard>>;
  try {
    board = await readBoard(deps, { period, category: category ?? null, limit }, now);
  } catch (error) {
    if (error instanceof SourceUnavailableError)
      throw unavailable("the leaderboard store is unreachable; retry shortly", error);
    throw error;
  }
  const learner = c.get("learner");
  c.header("x-cache", board.source);
  if (board.stale) c.header("x-cache-state", "stale");
  if (!learner) {
    c.header("cache-control", "public, max-age=5");
    return c.json({ ...(board.value as NonNullable<typeof board.value>) }, 200);
  }
  // The board may come from the cache while Redis is down: then it is answered without `me`.
  const me = await readOwnPlace(redis, learner, { period, category: category ?? null }, now);
  c.header("cache-control", "private, max-age=5");
  return c.json({ ...(board.value as NonNullable<typeof board.value>), me }, 200);
});
