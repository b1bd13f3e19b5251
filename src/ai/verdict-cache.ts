import type { ValidationVerdict } from "../../schemas/validation.ts";
import { ValidationVerdict as VerdictSchema } from "../../schemas/validation.ts";

/** Verdicts are reused per (model, prompt version, content hash): same input, same question asked. */
export function verdictCacheKey(model: string, promptVersion: string, contentHash: string): string {
  return `${model}|${promptVersion}|${contentHash}`;
}

export async function cachedVerdict(db: D1Database, key: string, nowMs: number): Promise<ValidationVerdict | null> {
  const row = await db
    .prepare("SELECT verdict FROM ai_result_cache WHERE key = ?1 AND expires_at > ?2")
    .bind(key, nowMs)
    .first<{ verdict: string }>();
  if (!row) return null;
  // A row written under an older schema is a miss, not an error.
  const parsed = VerdictSchema.safeParse(JSON.parse(row.verdict));
  return parsed.success ? parsed.data : null;
}

/** Stores a verdict for `ttlSeconds` (`ai.cache_ttl`); 0 disables caching. */
export async function cacheVerdict(
  db: D1Database,
  key: string,
  verdict: ValidationVerdict,
  ttlSeconds: number,
  nowMs: number,
): Promise<void> {
  if (ttlSeconds <= 0) return;
  await db
    .prepare(
      "INSERT INTO ai_result_cache (key, verdict, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET verdict = excluded.verdict, expires_at = excluded.expires_at",
    )
    .bind(key, JSON.stringify(verdict), nowMs + ttlSeconds * 1000)
    .run();
}
