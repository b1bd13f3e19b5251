import type { z } from "@hono/zod-openapi";
import type { Redis } from "@upstash/redis/cloudflare";
import type { LeaderboardBoard, LeaderboardResponse } from "../../schemas/leaderboard-api.ts";
import type { Learner } from "../auth/learner-jwt.ts";
import { HttpCacheTier } from "../cache/http-cache-tier.ts";
import { type CacheResult, TieredCache } from "../cache/tiered-cache.ts";
import { readRank, readTop } from "./board-store.ts";
import { boardMember, pseudonym, publicName } from "./display-name.ts";
import { boardKey, type Period, periodId } from "./periods.ts";

/** Boards change with every answer: a few seconds at the edge keeps reads off Redis under load. */
export const BOARD_CACHE_POLICY = {
  namespace: "lb",
  freshMs: 5_000,
  staleMs: 30_000,
  negativeMs: 5_000,
  staleIfErrorMs: 10 * 60_000,
} as const;

const boardCache = new TieredCache<LeaderboardBoard>(BOARD_CACHE_POLICY);

export interface BoardDeps {
  redis: Redis;
  /** The data centre's HTTP cache (`caches.default`). */
  httpCache: Cache;
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The top `limit` of a board through isolate memory and the Cache API, from Redis on a miss.
 * Throws `SourceUnavailableError` when Redis fails and nothing is cached.
 */
export function readBoard(
  deps: BoardDeps,
  query: { period: Period; category: string | null; limit: number },
  nowMs = Date.now(),
): Promise<CacheResult<LeaderboardBoard>> {
  const key = boardKey(query.period, nowMs, query.category);
  const cacheKey = `${key}:${query.limit}`;
  return boardCache.get(cacheKey, {
    // Boards are not question data, so question purges (the cache generation) do not touch them.
    tiers: [new HttpCacheTier<LeaderboardBoard>(deps.httpCache, BOARD_CACHE_POLICY.namespace, "0")],
    loader: {
      name: "REDIS",
      async load() {
        const { entries, names } = await readTop(deps.redis, key, query.limit);
        const board: LeaderboardBoard = {
          period: query.period,
          periodId: periodId(query.period, nowMs),
          category: query.category,
          entries: entries.map(({ rank, member, points }) => ({
            rank,
            points,
            displayName: names.get(member) ?? pseudonym(member),
          })),
        };
        return new Map([[cacheKey, board]]);
      },
    },
    waitUntil: deps.waitUntil,
  });
}

/**
 * The learner's own rank, points and name on a board, read live (not cached); null when Redis
 * cannot be read, so a board served from the cache while Redis is down still shows.
 */
export async function readOwnPlace(
  redis: Redis,
  learner: Learner,
  query: { period: Period; category: string | null },
  nowMs = Date.now(),
): Promise<NonNullable<z.infer<typeof LeaderboardResponse>["me"]> | null> {
  const member = await boardMember(learner.id);
  const displayName = publicName(learner.name, learner.id) ?? pseudonym(member);
  try {
    return { ...(await readRank(redis, boardKey(query.period, nowMs, query.category), member)), displayName };
  } catch (error) {
    console.warn("leaderboard rank unavailable;", error instanceof Error ? error.message : error);
    return null;
  }
}
