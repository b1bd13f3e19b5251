import type { ScraperSource } from "../../../schemas/scraper-source.ts";

export interface HostRateLimit {
  host: string;
  intervalMs: number;
}

/** OpenTDB answers code 5 ("rate limit") to more than one request per IP every 5 seconds. */
const OPENTDB_INTERVAL_MS = 5_000;

/** The request spacing a source's host needs, or null when it states none. */
export function rateLimitFor(source: Pick<ScraperSource, "format" | "url">): HostRateLimit | null {
  if (source.format !== "opentdb") return null;
  return { host: new URL(source.url).host, intervalMs: OPENTDB_INTERVAL_MS };
}

/**
 * Claims the host's next request slot in D1, shared by every isolate and overlapping run.
 * Returns 0 when the request may go now, otherwise the milliseconds until the slot frees;
 * waiting claims nothing, so a delayed message does not push the others back.
 */
export async function claimHostSlot(db: D1Database, limit: HostRateLimit, nowMs: number): Promise<number> {
  const [, claim, current] = await db.batch<{ next_at: number }>([
    db.prepare("INSERT INTO fetch_slots (host, next_at) VALUES (?1, 0) ON CONFLICT (host) DO NOTHING").bind(limit.host),
    db
      .prepare("UPDATE fetch_slots SET next_at = ?2 + ?3 WHERE host = ?1 AND next_at <= ?2")
      .bind(limit.host, nowMs, limit.intervalMs),
    db.prepare("SELECT next_at FROM fetch_slots WHERE host = ?1").bind(limit.host),
  ]);
  if ((claim?.meta.changes ?? 0) === 1) return 0;
  const nextAt = current?.results[0]?.next_at ?? nowMs;
  return Math.max(0, nextAt - nowMs);
}
