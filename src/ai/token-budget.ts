/** The UTC day a token count belongs to. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function tokensSpent(db: D1Database, now: Date): Promise<number> {
  const row = await db
    .prepare("SELECT tokens FROM ai_token_usage WHERE day = ?1")
    .bind(utcDay(now))
    .first<{ tokens: number }>();
  return row?.tokens ?? 0;
}

/**
 * Adds spent tokens to the day's count. Concurrent batches may each pass the budget check
 * before either records its spend, so the budget can be overrun by the calls in flight.
 */
export async function recordTokens(db: D1Database, tokens: number, now: Date): Promise<void> {
  if (tokens <= 0) return;
  await db
    .prepare(
      "INSERT INTO ai_token_usage (day, tokens) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET tokens = tokens + excluded.tokens",
    )
    .bind(utcDay(now), tokens)
    .run();
}
