import type { Redis } from "@upstash/redis/cloudflare";
import type { BoardWrite } from "./board-increments.ts";
import { scorePoints } from "./score-encoding.ts";

/** Display names by member, written with the member's points. */
export const NAMES_KEY = "lb:names";

export interface BoardEntry {
  rank: number;
  member: string;
  points: number;
}

/**
 * One pipeline per scoring answer: ZINCRBY on each board, each followed by its EXPIRE (a
 * period key dies after its period), and the member's display name when known. Throws when
 * Redis fails; the caller keeps the writes and retries them.
 */
export async function applyBoardWrites(
  redis: Redis,
  member: string,
  writes: BoardWrite[],
  name: string | null,
): Promise<void> {
  const pipeline = redis.pipeline();
  for (const write of writes) {
    pipeline.zincrby(write.key, write.delta, member);
    if (write.ttlS !== null) pipeline.expire(write.key, write.ttlS);
  }
  if (name) pipeline.hset(NAMES_KEY, { [member]: name });
  await pipeline.exec();
}

/** The top `limit` of a board, best first (ZRANGE … REV WITHSCORES), with their names. */
export async function readTop(
  redis: Redis,
  key: string,
  limit: number,
): Promise<{ entries: BoardEntry[]; names: Map<string, string> }> {
  const flat = await redis.zrange<string[]>(key, 0, limit - 1, { rev: true, withScores: true });
  const entries: BoardEntry[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    entries.push({ rank: i / 2 + 1, member: flat[i] as string, points: scorePoints(Number(flat[i + 1])) });
  }
  if (entries.length === 0) return { entries, names: new Map() };
  // Replies are raw (the client's deserialization is off): HMGET's values in field order.
  const values = (await redis.hmget(NAMES_KEY, ...entries.map((e) => e.member))) as unknown as (string | null)[];
  const names = new Map<string, string>();
  entries.forEach((entry, i) => {
    const name = values[i];
    if (name) names.set(entry.member, name);
  });
  return { entries, names };
}

/** A member's place on a board (ZREVRANK, 1-based) and points; rank null when not on it. */
export async function readRank(
  redis: Redis,
  key: string,
  member: string,
): Promise<{ rank: number | null; points: number }> {
  const pipeline = redis.pipeline();
  pipeline.zrevrank(key, member);
  pipeline.zscore(key, member);
  const [rank, score] = (await pipeline.exec()) as [number | null, string | number | null];
  return rank === null ? { rank: null, points: 0 } : { rank: rank + 1, points: scorePoints(Number(score)) };
}
