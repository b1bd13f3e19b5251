import type { BandIndex } from "./band-index.ts";
import type { BandRow } from "./band-table.ts";

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
 * Band rows name their question by the first 8 hex digits (32 bits) of its content hash, as a
 * signed 32-bit integer: a row is two int32s in the band index (band-table.ts).
 */
function hashPrefix(contentHash: string): number {
  if (!/^[0-9a-f]{8}/.test(contentHash)) throw new TypeError("content hashes are lowercase hex");
  return Number.parseInt(contentHash.slice(0, 8), 16) | 0;
}

/**
 * Fingerprints whose 8-byte key starts with one of the 4-byte prefixes in the JSON array ?1:
 * a search of the key's index by range per prefix (exported so a test can check the plan
 * searches and never scans).
 */
export const FINGERPRINTS_BY_PREFIX = `SELECT p.value AS hash_prefix, f.content_hash, f.question_id, f.simhash
  FROM json_each(?1) p JOIN question_fingerprints f
    ON ${hashKey("f.content_hash")} BETWEEN unhex(printf('%08x', p.value & 4294967295))
    AND unhex(printf('%08x', p.value & 4294967295) || 'ffffffffff')`;

/** Prefixes per lookup statement. */
const PREFIXES_PER_LOOKUP = 1_000;

/**
 * Stored questions sharing at least one band key with the given keys: the band index names
 * their hash prefixes, and the fingerprints under those prefixes are read from D1. Two
 * questions sharing a prefix only make an extra candidate, which its signature then rules out.
 */
export async function findBandMatches(
  db: D1Database,
  bands: BandIndex,
  bandKeys: number[],
): Promise<Map<number, StoredSignature[]>> {
  const rows = await bands.match(bandKeys);
  const byPrefix = new Map<number, StoredSignature[]>();
  for (const part of chunks([...new Set(rows.map(([, prefix]) => prefix))], PREFIXES_PER_LOOKUP)) {
    const { results } = await db
      .prepare(FINGERPRINTS_BY_PREFIX)
      .bind(JSON.stringify(part))
      .all<{ hash_prefix: number; content_hash: string; question_id: string; simhash: string }>();
    for (const row of results) {
      const list = byPrefix.get(row.hash_prefix) ?? [];
      list.push({ contentHash: row.content_hash, questionId: row.question_id, simhash: row.simhash });
      byPrefix.set(row.hash_prefix, list);
    }
  }
  const byBand = new Map<number, StoredSignature[]>();
  for (const [key, prefix] of rows) {
    const stored = byPrefix.get(prefix);
    if (!stored) continue;
    const list = byBand.get(key) ?? [];
    list.push(...stored);
    byBand.set(key, list);
  }
  return byBand;
}

/** Fingerprints in the order of their key, after the key `afterKey` (16 hex digits, or none). */
export const FINGERPRINTS_IN_KEY_ORDER = `SELECT content_hash, question_id, simhash FROM question_fingerprints
  WHERE ${hashKey("content_hash")} > unhex(?1) ORDER BY ${hashKey("content_hash")} LIMIT ?2`;

export async function fingerprintsInKeyOrder(
  db: D1Database,
  afterKey: string,
  limit: number,
): Promise<StoredSignature[]> {
  const { results } = await db
    .prepare(FINGERPRINTS_IN_KEY_ORDER)
    .bind(afterKey, limit)
    .all<{ content_hash: string; question_id: string; simhash: string }>();
  return results.map((r) => ({ contentHash: r.content_hash, questionId: r.question_id, simhash: r.simhash }));
}

export interface FingerprintEntry extends StoredSignature {
  bandKeys: number[];
}

/** The band rows of stored questions: each band key with the question's hash prefix. */
export function bandRows(entries: FingerprintEntry[]): BandRow[] {
  return entries.flatMap((e) => e.bandKeys.map((key): BandRow => [key, hashPrefix(e.contentHash)]));
}

/** Rows per fingerprint statement: their JSON stays well under D1's 2 MB a value. */
const FINGERPRINTS_PER_STATEMENT = 1_000;

/**
 * The fingerprints of stored questions, for exact-duplicate lookups and as the signatures band
 * matches are checked against; repeating them changes nothing. Rows go in as JSON arrays,
 * sorted by key, so a statement's inserts sweep the key's index once, in order.
 */
export function fingerprintStatements(db: D1Database, entries: StoredSignature[], now: string): D1PreparedStatement[] {
  const fingerprints = entries
    .map((e) => [e.contentHash, e.questionId, e.simhash] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return chunks(fingerprints, FINGERPRINTS_PER_STATEMENT).map((part) =>
    db
      .prepare(
        `INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), ?2
         FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(JSON.stringify(part), now),
  );
}

/**
 * Records stored questions for later duplicate lookups: their band rows in the band index
 * first, then their fingerprints. A failure between the two leaves band rows whose prefix no
 * fingerprint has yet, which lookups pass over, rather than fingerprints no band can find;
 * a retry writes both again, and neither changes twice.
 */
export async function indexFingerprints(
  db: D1Database,
  bands: BandIndex,
  entries: FingerprintEntry[],
  now: string,
): Promise<void> {
  await bands.add(bandRows(entries));
  const statements = fingerprintStatements(db, entries, now);
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}

/**
 * Indexes edge-copy questions that reached D1 without the pipeline (the seed bank, admin
 * writes), at most `limit` per call, so near duplicates of them are found too. Returns how
 * many were added; repeated calls converge on a complete index (a question counts as indexed
 * when its key is, so a 64-bit collision cannot keep it coming back).
 */
export async function indexUnfingerprinted(
  db: D1Database,
  bands: BandIndex,
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
  await indexFingerprints(db, bands, entries, now);
  return results.length;
}
