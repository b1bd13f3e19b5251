import { bandKeys, hammingDistance } from "./simhash.ts";

/**
 * An in-memory banded index over SimHash fingerprints (simhash64), for finding near
 * duplicates inside one import without comparing every pair. Each fingerprint is filed under
 * its band keys (4 bands of 16 bits by default); two fingerprints fewer than `bands` bits
 * apart leave at least one band untouched (pigeonhole), so they always share a key. A look-up
 * reads only the buckets of its own keys and then checks the real Hamming distance, which
 * drops unrelated bucket mates. The pipeline stores the same keys in D1 for the bank.
 */
export interface NearMatch<Id> {
  id: Id;
  distance: number;
}

export class NearDuplicateIndex<Id> {
  private readonly buckets = new Map<string, Set<Id>>();
  private readonly hashes = new Map<Id, bigint>();

  /** `bands` must divide 64; matches within `bands - 1` bits are always found. */
  constructor(readonly bands = 4) {
    bandKeys(0n, bands);
  }

  get size(): number {
    return this.hashes.size;
  }

  /** Files `hash` under `id`, replacing what `id` had. */
  add(id: Id, hash: bigint): void {
    this.remove(id);
    this.hashes.set(id, hash);
    for (const key of bandKeys(hash, this.bands)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.add(id);
      else this.buckets.set(key, new Set([id]));
    }
  }

  remove(id: Id): void {
    const hash = this.hashes.get(id);
    if (hash === undefined) return;
    this.hashes.delete(id);
    for (const key of bandKeys(hash, this.bands)) {
      const bucket = this.buckets.get(key);
      bucket?.delete(id);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
  }

  /** Ids sharing at least one band key with `hash`: the only ones worth a distance check. */
  candidates(hash: bigint): Set<Id> {
    const found = new Set<Id>();
    for (const key of bandKeys(hash, this.bands)) {
      for (const id of this.buckets.get(key) ?? []) found.add(id);
    }
    return found;
  }

  /**
   * Stored fingerprints within `maxDistance` bits of `hash`, nearest first. Complete up to
   * `bands - 1` bits; a larger `maxDistance` only filters the same candidates, so matches
   * that share no band are missed.
   */
  near(hash: bigint, maxDistance = this.bands - 1): NearMatch<Id>[] {
    const matches: NearMatch<Id>[] = [];
    for (const id of this.candidates(hash)) {
      const stored = this.hashes.get(id);
      if (stored === undefined) continue;
      const distance = hammingDistance(hash, stored);
      if (distance <= maxDistance) matches.push({ id, distance });
    }
    return matches.sort((a, b) => a.distance - b.distance);
  }
}
