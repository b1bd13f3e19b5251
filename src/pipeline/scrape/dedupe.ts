import type { BandIndex } from "../store/band-index.ts";
import { findBandMatches, findStoredHashes } from "../store/fingerprint-index.ts";
import type { Similarity } from "./similarity.ts";

export interface Dedupable {
  id: string;
  contentHash: string;
  simhash: string;
}

export interface DedupeResult<T> {
  fresh: (T & { nearDuplicateOf: string | null })[];
  /** Exact duplicates, of a stored question or of an earlier record of the same scrape. */
  duplicates: { item: T; of: string }[];
}

/**
 * Drops exact duplicates (same content hash) and marks near duplicates (close signatures
 * sharing a band key) of stored questions and of earlier records in this batch.
 * Lookups are per band key, so the work grows with the batch, not with the store.
 */
export async function dedupe<T extends Dedupable>(
  db: D1Database,
  bands: BandIndex,
  items: T[],
  similarity: Similarity,
): Promise<DedupeResult<T>> {
  const stored = await findStoredHashes(
    db,
    items.map((i) => i.contentHash),
  );
  const duplicates: DedupeResult<T>["duplicates"] = [];
  const unique: T[] = [];
  const seen = new Map<string, string>();
  for (const item of items) {
    const of = stored.get(item.contentHash) ?? seen.get(item.contentHash);
    if (of) {
      duplicates.push({ item, of });
      continue;
    }
    seen.set(item.contentHash, item.id);
    unique.push(item);
  }

  const keysOf = new Map(unique.map((item) => [item, similarity.bandKeys(item.simhash)]));
  const matches = await findBandMatches(db, bands, [...keysOf.values()].flat());
  const earlier = new Map<number, { id: string; simhash: string }[]>();
  const fresh = unique.map((item) => {
    const keys = keysOf.get(item) ?? [];
    let nearDuplicateOf: string | null = null;
    for (const key of keys) {
      const storedNear = (matches.get(key) ?? []).map((m) => ({ id: m.questionId, simhash: m.simhash }));
      const near = [...storedNear, ...(earlier.get(key) ?? [])].find((other) =>
        similarity.isNear(other.simhash, item.simhash),
      );
      if (near) {
        nearDuplicateOf = near.id;
        break;
      }
    }
    for (const key of keys) {
      const list = earlier.get(key) ?? [];
      list.push({ id: item.id, simhash: item.simhash });
      earlier.set(key, list);
    }
    return { ...item, nearDuplicateOf };
  });
  return { fresh, duplicates };
}
