import { Redis } from "@upstash/redis/cloudflare";

export type RedisEnv = Partial<Pick<Env, "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN">>;

export interface RedisClientOptions {
  /** Each call is abandoned after this long (the fetch is aborted). */
  timeoutMs: number;
}

/**
 * An `@upstash/redis` client for one request, or null where no database is configured.
 * Built per request and without auto-pipelining: a client kept across requests would share
 * its in-flight fetches between them, which Workers forbid. No client retries: callers decide
 * (leaderboard increments wait in the learner's object; the rate limit fails open). Replies
 * are not JSON-parsed, so a stored "123" stays a string.
 */
export function redisClient(env: RedisEnv, { timeoutMs }: RedisClientOptions): Redis | null {
  if (!env.UPSTASH_REDIS_REST_URL || !env.UPSTASH_REDIS_REST_TOKEN) return null;
  return new Redis({
    url: env.UPSTASH_REDIS_REST_URL,
    token: env.UPSTASH_REDIS_REST_TOKEN,
    retry: false,
    enableAutoPipelining: false,
    enableTelemetry: false,
    automaticDeserialization: false,
    signal: () => AbortSignal.timeout(timeoutMs),
  });
}
