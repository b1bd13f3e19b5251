/** A band row: a MinHash LSH band key and the first 32 bits of the content hash filed under it. */
export type BandRow = [bandKey: number, hashPrefix: number];

/** Band keys are 31-bit (lshBandKeys: the band in the top bits, a hash below). */
export const isBandKey = (key: number): boolean => Number.isInteger(key) && key >= 0 && key <= 0x7fffffff;

const EMPTY = -1;
const INITIAL_BITS = 12;

/**
 * The band rows of a shard in memory: an open-addressing hash table over two int32 arrays
 * (8 bytes a slot, at most 70 % full, so 11 to 23 bytes a row), probed linearly. A key picks
 * its first slot by Fibonacci hashing: the shards split keys by their low bits, so those are
 * the same for every key of a table. Band keys are never negative, so -1 marks a free slot. A JavaScript Map of numbers takes about 29 bytes a row, a Map of arrays about 85
 * (measured with a million rows on Node 24).
 */
export class BandTable {
  #bits = INITIAL_BITS;
  #keys = new Int32Array(1 << INITIAL_BITS).fill(EMPTY);
  #prefixes = new Int32Array(1 << INITIAL_BITS);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  #first(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.#bits);
  }

  /** The hash prefixes filed under `key`. */
  prefixes(key: number): number[] {
    const out: number[] = [];
    const mask = this.#keys.length - 1;
    for (let slot = this.#first(key); this.#keys[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.#keys[slot] === key) out.push(this.#prefixes[slot] as number);
    }
    return out;
  }

  /** Whether the row is stored. */
  has(key: number, prefix: number): boolean {
    const mask = this.#keys.length - 1;
    for (let slot = this.#first(key); this.#keys[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.#keys[slot] === key && this.#prefixes[slot] === prefix) return true;
    }
    return false;
  }

  /** Stores the row unless it is there; says whether it was new. */
  add(key: number, prefix: number): boolean {
    if (!isBandKey(key)) throw new RangeError(`band key ${key} is not a 31-bit key`);
    if (this.has(key, prefix)) return false;
    if ((this.#size + 1) * 10 > this.#keys.length * 7) this.#grow();
    this.#place(key, prefix);
    this.#size++;
    return true;
  }

  #place(key: number, prefix: number): void {
    const mask = this.#keys.length - 1;
    let slot = this.#first(key);
    while (this.#keys[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.#keys[slot] = key;
    this.#prefixes[slot] = prefix;
  }

  #grow(): void {
    const [keys, prefixes] = [this.#keys, this.#prefixes];
    this.#bits++;
    this.#keys = new Int32Array(keys.length * 2).fill(EMPTY);
    this.#prefixes = new Int32Array(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY) this.#place(keys[slot] as number, prefixes[slot] as number);
    }
  }
}
