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

/** How long Redis remembers that an answer's writes were applied (longer than any retry waits). */
export const APPLIED_MARKER_TTL_S = 30 * 86_400;

/**
 * One answer's writes as one atomic script: unless the answer's marker exists (its writes
 * already landed), ZINCRBY each board, EXPIRE it (a period key dies after its period), keep
 * the display name, and set the marker. Returns 1 when applied now, 0 when already applied.
 * A plain pipeline cannot be retried safely: a send that timed out may still have been applied
 * (a paused redis-server under `npm run dev` doubled the points that way), so the retry is
 * made a no-op by the marker, in the same atomic step as the increments.
 */
const APPLY_WRITES = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local member, boards = ARGV[2], #KEYS - 2
for i = 1, boards do
  redis.call('ZINCRBY', KEYS[i + 1], ARGV[2 + 2 * i - 1], member)
  local ttl = tonumber(ARGV[2 + 2 * i])
  if ttl > 0 then redis.call('EXPIRE', KEYS[i + 1], ttl) end
end
local name = ARGV[3 + 2 * boards]
if name ~= '' then redis.call('HSET', KEYS[#KEYS], member, name) end
return 1
`;

/**
 * Applies one scoring answer's board writes exactly once per `answerId`. Throws when Redis
 * fails; the caller keeps the writes and retries them (a retry of writes that did land is
 * answered 0 and changes nothing).
 */
export async function applyBoardWrites(
  redis: Redis,
  answerId: string,
  member: string,
  writes: BoardWrite[],
  name: string | null,
): Promise<"applied" | "already-applied"> {
  const keys = [`lb:applied:${answerId}`, ...writes.map((w) => w.key), NAMES_KEY];
  const args = [
    String(APPLIED_MARKER_TTL_S),
    member,
    ...writes.flatMap((w) => [String(w.delta), String(w.ttlS ?? -1)]),
    name ?? "",
  ];
  const applied = await redis.eval<string[], number>(APPLY_WRITES, keys, args);
  return Number(applied) === 1 ? "applied" : "already-applied";
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
