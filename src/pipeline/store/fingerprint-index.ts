/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 100;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, (_, i) => `?${i + 1}`).join(", ");
}

/**
 * Which content hashes are already stored, and under which question id: the pipeline's
 * fingerprints (every status) and the edge copy (questions that predate the pipeline).
 */
export async function findStoredHashes(db: D1Database, hashes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(hashes)];
  for (const part of chunks(unique, MAX_PARAMS)) {
    const list = placeholders(part.length);
    const [fingerprints, edge] = await db.batch<{ content_hash: string; question_id: string }>([
      db
        .prepare(`SELECT content_hash, question_id FROM question_fingerprints WHERE content_hash IN (${list})`)
        .bind(...part),
      db.prepare(`SELECT content_hash, id AS question_id FROM questions WHERE content_hash IN (${list})`).bind(...part),
    ]);
    for (const row of [...(fingerprints?.results ?? []), ...(edge?.results ?? [])]) {
      found.set(row.content_hash, row.question_id);
    }
  }
  return found;
}

export interface StoredSignature {
  contentHash: string;
  questionId: string;
  simhash: string;
}

/**
 * Stored questions sharing at least one band key with the given keys: one indexed lookup per
 * key, never a scan of all signatures, so the cost grows with the batch, not the store.
 */
export async function findBandMatches(db: D1Database, bandKeys: string[]): Promise<Map<string, StoredSignature[]>> {
  const byBand = new Map<string, StoredSignature[]>();
  for (const part of chunks([...new Set(bandKeys)], MAX_PARAMS)) {
    const { results } = await db
      .prepare(
        `SELECT b.band_key, f.content_hash, f.question_id, f.simhash
         FROM simhash_bands b JOIN question_fingerprints f ON f.content_hash = b.content_hash
         WHERE b.band_key IN (${placeholders(part.length)})`,
      )
      .bind(...part)
      .all<{ band_key: string; content_hash: string; question_id: string; simhash: string }>();
    for (const row of results) {
      const list = byBand.get(row.band_key) ?? [];
      list.push({ contentHash: row.content_hash, questionId: row.question_id, simhash: row.simhash });
      byBand.set(row.band_key, list);
    }
  }
  return byBand;
}

export interface FingerprintEntry extends StoredSignature {
  bandKeys: string[];
}

/** Records stored questions for later duplicate lookups; repeating it changes nothing. */
export function fingerprintStatements(db: D1Database, entries: FingerprintEntry[], now: string): D1PreparedStatement[] {
  return entries.flatMap((e) => [
    db
      .prepare(
        "INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
      )
      .bind(e.contentHash, e.questionId, e.simhash, now),
    ...e.bandKeys.map((key) =>
      db
        .prepare("INSERT INTO simhash_bands (band_key, content_hash) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .bind(key, e.contentHash),
    ),
  ]);
}

/**
 * Indexes edge-copy questions that reached D1 without the pipeline (the seed bank, admin
 * writes), at most `limit` per call, so near duplicates of them are found too. Returns how
 * many were added; repeated calls converge on a complete index.
 */
export async function indexUnfingerprinted(
  db: D1Database,
  signature: { signature(text: string): string; bandKeys(signature: string): string[] },
  textOf: (q: { text: string; choices: { text: string }[] }) => string,
  limit: number,
  now: string,
): Promise<number> {
  const { results } = await db
    .prepare(
      `SELECT q.id, q.text, q.choices, q.content_hash FROM questions q
       LEFT JOIN question_fingerprints f ON f.content_hash = q.content_hash
       WHERE f.content_hash IS NULL LIMIT ?1`,
    )
    .bind(limit)
    .all<{ id: string; text: string; choices: string; content_hash: string }>();
  if (results.length === 0) return 0;
  const entries = results.map((row) => {
    const simhash = signature.signature(textOf({ text: row.text, choices: JSON.parse(row.choices) }));
    return { contentHash: row.content_hash, questionId: row.id, simhash, bandKeys: signature.bandKeys(simhash) };
  });
  const statements = fingerprintStatements(db, entries, now);
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
  return results.length;
}
