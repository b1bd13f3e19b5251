function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A fingerprint's key: the first 8 bytes of its content hash, the expression of the unique
 * index question_fingerprints_hash_key (schemas/d1-pipeline-tables.ts says why). SQLite uses
 * that index only where a query spells the expression the same way, hence one definition.
 */
const hashKey = (column: string) => `unhex(substr(${column}, 1, 16))`;

/** Hashes per lookup statement, as one JSON array (67 KB). */
const HASHES_PER_LOOKUP = 1_000;

/** Fingerprints whose key is one of the hashes' in the JSON array ?1 (exported for a plan test). */
export const STORED_HASHES = `SELECT content_hash, question_id FROM question_fingerprints
  WHERE ${hashKey("content_hash")} IN (SELECT ${hashKey("value")} FROM json_each(?1))`;

/**
 * Which content hashes are already stored, and under which question id: the pipeline's
 * fingerprints (every status) and the edge copy (questions that predate the pipeline). Found
 * by key, returned by whole hash: a hash that only shares its key with a stored one is not in
 * the map.
 */
export async function findStoredHashes(db: D1Database, hashes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(hashes)], HASHES_PER_LOOKUP)) {
    const list = JSON.stringify(part);
    const [fingerprints, edge] = await db.batch<{ content_hash: string; question_id: string }>([
      db.prepare(STORED_HASHES).bind(list),
      db
        .prepare(
          "SELECT content_hash, id AS question_id FROM questions WHERE content_hash IN (SELECT value FROM json_each(?1))",
        )
        .bind(list),
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
 * Band rows name their question by the first 8 hex digits (32 bits) of its content hash, kept as
 * a signed 32-bit integer: with 4-byte band keys a row of the WITHOUT ROWID band table is about
 * 14 bytes, where text keys in a rowid table with its primary-key index took about 70. Two
 * questions sharing a prefix only make an extra candidate, which its signature then rules out.
 */
function hashPrefix(contentHash: string): number {
  if (!/^[0-9a-f]{8}/.test(contentHash)) throw new TypeError("content hashes are lowercase hex");
  return Number.parseInt(contentHash.slice(0, 8), 16) | 0;
}

/** Band keys per lookup: one sorted sweep of the index for a batch of 1,000 questions. */
const KEYS_PER_LOOKUP = 10_000;

/**
 * Band rows whose key is in the JSON array ?1, in either tier, with the fingerprint each names: a
 * search of each band table's primary key per key, then of the fingerprints' key by the range
 * the row's 4-byte prefix starts (exported so a test can check the plan searches and never scans).
 */
export const BAND_MATCHES = `WITH keys AS (SELECT value FROM json_each(?1)),
  b AS (
    SELECT band_key, hash_prefix FROM near_duplicate_bands WHERE band_key IN keys
    UNION ALL
    SELECT band_key, hash_prefix FROM near_duplicate_bands_recent WHERE band_key IN keys
  )
  SELECT b.band_key, f.content_hash, f.question_id, f.simhash
  FROM b JOIN question_fingerprints f
    ON ${hashKey("f.content_hash")} BETWEEN unhex(printf('%08x', b.hash_prefix & 4294967295))
    AND unhex(printf('%08x', b.hash_prefix & 4294967295) || 'ffffffffff')`;

/**
 * Stored questions sharing at least one band key with the given keys: indexed lookups of the
 * keys (the band table's primary key leads with the key), never a scan of all signatures, so
 * the cost grows with the batch, not the store. The keys go in as one JSON array.
 */
export async function findBandMatches(db: D1Database, bandKeys: number[]): Promise<Map<number, StoredSignature[]>> {
  const byBand = new Map<number, StoredSignature[]>();
  for (const part of chunks([...new Set(bandKeys)], KEYS_PER_LOOKUP)) {
    const { results } = await db
      .prepare(BAND_MATCHES)
      .bind(JSON.stringify(part))
      .all<{ band_key: number; content_hash: string; question_id: string; simhash: string }>();
    for (const row of results) {
      const list = byBand.get(row.band_key) ?? [];
      list.push({ contentHash: row.content_hash, questionId: row.question_id, simhash: row.simhash });
      byBand.set(row.band_key, list);
    }
  }
  return byBand;
}

export interface FingerprintEntry extends StoredSignature {
  bandKeys: number[];
}

/** Rows per index statement: their JSON stays well under D1's 2 MB a value. */
const FINGERPRINTS_PER_STATEMENT = 1_000;
const BANDS_PER_STATEMENT = 10_000;

/**
 * New band rows go to the recent tier, which is merged into the main table once it holds at
 * least MIN_RECENT_ROWS rows and at least √(MIN_RECENT_ROWS × main rows). A batch's band keys are
 * random, so its sorted rows touch nearly every page of the table they go into: written straight
 * into the main table, every batch costs in proportion to the whole store. The recent table stays
 * small, and a merge sweeps the main table once for many batches; with the tier growing as the
 * square root of the store, both costs grow with √store per batch instead of with the store
 * (bench:pipeline, dedupe scaling).
 */
const MIN_RECENT_ROWS = 12_000;
const MERGE_DUE = `recent_rows >= ${MIN_RECENT_ROWS} AND recent_rows * recent_rows >= ${MIN_RECENT_ROWS} * main_rows`;
/**
 * The lowest band key a merge moves: all of them (keys are 31-bit, never negative) when one is
 * due, none otherwise. As a bound on the primary key it lets a merge that is not due end
 * without reading the tier; a condition in WHERE would be checked row by row over all of it.
 */
const MERGE_FROM = `(SELECT CASE WHEN ${MERGE_DUE} THEN -1 ELSE ${2 ** 31} END FROM near_duplicate_band_counts WHERE id = 1)`;

/** A merge's two moves, exported so a test can check their plans search and never scan. */
export const MERGE_STATEMENTS = [
  `INSERT INTO near_duplicate_bands (band_key, hash_prefix)
   SELECT band_key, hash_prefix FROM near_duplicate_bands_recent WHERE band_key >= ${MERGE_FROM}
   ORDER BY band_key, hash_prefix ON CONFLICT DO NOTHING`,
  `DELETE FROM near_duplicate_bands_recent WHERE band_key >= ${MERGE_FROM}`,
] as const;

/** Moves the recent tier into the main band table when it is due; a no-op otherwise. */
function mergeStatements(db: D1Database): D1PreparedStatement[] {
  return [
    ...MERGE_STATEMENTS.map((sql) => db.prepare(sql)),
    // Last: the two moves above read the counts as they were.
    db.prepare(
      `UPDATE near_duplicate_band_counts SET main_rows = main_rows + recent_rows, recent_rows = 0
       WHERE id = 1 AND ${MERGE_DUE}`,
    ),
  ];
}

/**
 * Records stored questions for later duplicate lookups; repeating it changes nothing. Rows go
 * in as JSON arrays, sorted by key, so a batch's inserts sweep each index once, in order,
 * instead of once per statement. The statements must run in order, in one batch: a merge that
 * is due comes first.
 */
export function fingerprintStatements(db: D1Database, entries: FingerprintEntry[], now: string): D1PreparedStatement[] {
  const fingerprints = entries
    .map((e) => [e.contentHash, e.questionId, e.simhash] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const bands = entries
    .flatMap((e) => e.bandKeys.map((key) => [key, hashPrefix(e.contentHash)] as const))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [
    ...chunks(fingerprints, FINGERPRINTS_PER_STATEMENT).map((part) =>
      db
        .prepare(
          `INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at)
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), ?2
           FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(JSON.stringify(part), now),
    ),
    ...(bands.length > 0 ? mergeStatements(db) : []),
    ...chunks(bands, BANDS_PER_STATEMENT).map((part) =>
      db
        .prepare(
          `INSERT INTO near_duplicate_bands_recent (band_key, hash_prefix)
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')
           FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(JSON.stringify(part)),
    ),
    // Counts rows offered, not rows added: a re-indexed question only makes a merge come sooner.
    ...(bands.length > 0
      ? [
          db
            .prepare(
              `INSERT INTO near_duplicate_band_counts (id, recent_rows, main_rows) VALUES (1, ?1, 0)
               ON CONFLICT (id) DO UPDATE SET recent_rows = recent_rows + excluded.recent_rows`,
            )
            .bind(bands.length),
        ]
      : []),
  ];
}

/**
 * Indexes edge-copy questions that reached D1 without the pipeline (the seed bank, admin
 * writes), at most `limit` per call, so near duplicates of them are found too. Returns how
 * many were added; repeated calls converge on a complete index (a question counts as indexed
 * when its key is, so a 64-bit collision cannot keep it coming back).
 */
export async function indexUnfingerprinted(
  db: D1Database,
  signature: { signature(text: string): string; bandKeys(signature: string): number[] },
  textOf: (q: { text: string; choices: { text: string }[] }) => string,
  limit: number,
  now: string,
): Promise<number> {
  const { results } = await db
    .prepare(
      `SELECT q.id, q.text, q.choices, q.content_hash FROM questions q
       LEFT JOIN question_fingerprints f ON ${hashKey("f.content_hash")} = ${hashKey("q.content_hash")}
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
