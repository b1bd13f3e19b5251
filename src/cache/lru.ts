/**
 * A least-recently-used map bounded by an estimate of the bytes it holds and by entry count.
 * A `Map` keeps insertion order, so re-inserting on read moves a key to the young end and the
 * first key is always the oldest.
 */
export class Lru<V> {
  readonly #map = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  readonly budget: { maxBytes: number; maxEntries: number };

  /** A number bounds entries only; a budget bounds both, with `sizeOf` estimating each value's bytes. */
  constructor(
    budget: number | { maxBytes: number; maxEntries: number },
    private readonly sizeOf: (value: V) => number = () => 0,
  ) {
    this.budget = typeof budget === "number" ? { maxBytes: Number.POSITIVE_INFINITY, maxEntries: budget } : budget;
    for (const [name, limit] of Object.entries(this.budget)) {
      const valid = limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 1);
      if (!valid) throw new RangeError(`${name} must be a positive integer`);
    }
  }

  get size(): number {
    return this.#map.size;
  }

  /** The estimated bytes of what is held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, slot);
    return slot.value;
  }

  /** Stores a value, evicting the oldest until both bounds hold; a value over the whole budget is not kept. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.budget.maxBytes) return;
    this.#map.set(key, { value, bytes });
    this.#bytes += bytes;
    while (this.#bytes > this.budget.maxBytes || this.#map.size > this.budget.maxEntries) {
      const oldest = this.#map.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): boolean {
    const slot = this.#map.get(key);
    if (slot === undefined) return false;
    this.#map.delete(key);
    this.#bytes -= slot.bytes;
    return true;
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }
}
