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
 * Band rows name their question by the first 16 hex digits (64 bits) of its content hash: the
 * band index is the table that grows fastest (8 rows a question), and a row of 26 characters
 * instead of 74 keeps more of it in each page as the store grows.
 */
const HASH_PREFIX = 16;

/** Band keys per lookup, passed as one JSON array (D1 binds at most 100 parameters). */
const KEYS_PER_LOOKUP = 2_000;

/**
 * Stored questions sharing at least one band key with the given keys: indexed lookups of the
 * keys (the band table's primary key leads with the key), never a scan of all signatures, so
 * the cost grows with the batch, not the store. The keys go in as one JSON array, so a batch
 * of 250 questions is one query rather than twenty.
 */
export async function findBandMatches(db: D1Database, bandKeys: string[]): Promise<Map<string, StoredSignature[]>> {
  const byBand = new Map<string, StoredSignature[]>();
  for (const part of chunks([...new Set(bandKeys)], KEYS_PER_LOOKUP)) {
    const { results } = await db
      .prepare(
        `SELECT b.band_key, f.content_hash, f.question_id, f.simhash
         FROM simhash_bands b JOIN question_fingerprints f
           ON f.content_hash >= b.content_hash AND f.content_hash < b.content_hash || char(1114111)
           AND substr(f.content_hash, 1, ${HASH_PREFIX}) = b.content_hash
         WHERE b.band_key IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(part))
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

/** Questions per pair of index statements: their JSON stays well under D1's 2 MB a value. */
const ENTRIES_PER_STATEMENT = 200;

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Records stored questions for later duplicate lookups; repeating it changes nothing. Rows go
 * in as JSON arrays, two statements per 200 questions instead of nine per question, and the
 * band rows sorted by key, so each insert lands next to the one before it in the index.
 */
export function fingerprintStatements(db: D1Database, entries: FingerprintEntry[], now: string): D1PreparedStatement[] {
  return chunks(entries, ENTRIES_PER_STATEMENT).flatMap((part) => {
    const bands = part
      .flatMap((e) => e.bandKeys.map((key): [string, string] => [key, e.contentHash.slice(0, HASH_PREFIX)]))
      .sort(byKey);
    return [
      db
        .prepare(
          `INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at)
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), ?2
           FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(JSON.stringify(part.map((e) => [e.contentHash, e.questionId, e.simhash])), now),
      db
        .prepare(
          `INSERT INTO simhash_bands (band_key, content_hash)
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')
           FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(JSON.stringify(bands)),
    ];
  });
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
