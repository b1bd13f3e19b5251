import { Lru } from "./lru.ts";
import { cacheStats, type TierName } from "./stats.ts";

/** A cached value with the time it was loaded; `value: null` remembers that the key does not exist. */
export interface Stored<V> {
  value: V | null;
  at: number;
}

/** A tier below isolate memory (KV, D1): read in bulk, optionally refilled and purged. */
export interface CacheLayer<V> {
  tier: TierName;
  read(keys: string[]): Promise<Map<string, Stored<V>>>;
  write?(entries: Map<string, Stored<V>>): Promise<void>;
}

/** What one request brings: its bindings as layers, the origin loader and its waitUntil. */
export interface CacheRequest<V> {
  layers: CacheLayer<V>[];
  /** The origin: returns the values it has; keys it leaves out do not exist. */
  load(keys: string[]): Promise<Map<string, V>>;
  waitUntil(promise: Promise<unknown>): void;
}

export interface Lookup<V> {
  value: V | null;
  tier: TierName;
  stale: boolean;
}

export interface LookupResult<V> {
  entries: Map<string, Lookup<V>>;
  /** Milliseconds spent per tier, for Server-Timing. */
  timings: Partial<Record<TierName, number>>;
}

export interface TieredCacheOptions {
  namespace: string;
  /** Served as is. */
  freshMs: number;
  /** Past fresh, still served while a background load refreshes it (stale-while-revalidate). */
  staleMs: number;
  /** How long "does not exist" is believed, so scans of unknown keys do not reach the origin. */
  negativeMs: number;
  memoryCapacity: number;
  /** Which tier the loader is, for x-cache and counters: the origin, or D1 for edge-only views. */
  sourceTier?: TierName;
}

/** The origin (or every tier) failed for keys nothing cached can answer. */
export class CacheUnavailableError extends Error {
  constructor(
    readonly keys: string[],
    cause: unknown,
  ) {
    super(`no tier could serve ${keys.length} key(s)`, { cause });
    this.name = "CacheUnavailableError";
  }
}

type Found<V> = Map<string, { stored: Stored<V>; tier: TierName }>;

const ORDER: Record<TierName, number> = { MEMORY: 0, KV: 1, D1: 2, ORIGIN: 3 };

/**
 * A read-through cache over isolate memory and the request's layers, ending at the origin.
 * Lower-tier hits refill the faster tiers; stale entries are served while a background
 * load refreshes them, and kept to answer when the tiers below fail (stale-if-error);
 * concurrent misses for a key in this isolate share one load.
 */
export class TieredCache<V> {
  readonly #memory: Lru<Stored<V>>;
  readonly #inflight = new Map<string, Promise<Found<V>>>();
  #epoch = 0;

  constructor(readonly options: TieredCacheOptions) {
    this.#memory = new Lru(options.memoryCapacity);
  }

  /** Drops isolate memory when the purge generation moved on (another isolate purged). */
  syncEpoch(epoch: number): void {
    if (epoch !== this.#epoch) {
      this.#memory.clear();
      this.#epoch = epoch;
    }
  }

  forget(keys: string[]): void {
    for (const key of keys) this.#memory.delete(key);
  }

  #age(stored: Stored<V>, now: number): "fresh" | "stale" | "expired" {
    const age = now - stored.at;
    if (stored.value === null) return age <= this.options.negativeMs ? "fresh" : "expired";
    if (age <= this.options.freshMs) return "fresh";
    return age <= this.options.staleMs ? "stale" : "expired";
  }

  async getMany(keys: string[], req: CacheRequest<V>): Promise<LookupResult<V>> {
    const now = Date.now();
    const entries = new Map<string, Lookup<V>>();
    const timings: Partial<Record<TierName, number>> = {};
    const fallback = new Map<string, { stored: Stored<V>; tier: TierName }>();
    const revalidate: { key: string; tier: TierName }[] = [];

    const started = performance.now();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const stored = this.#memory.get(key);
      const age = stored ? this.#age(stored, now) : "expired";
      if (stored && age !== "expired") {
        this.#hit("MEMORY", stored, age === "stale");
        entries.set(key, { value: stored.value, tier: "MEMORY", stale: age === "stale" });
        if (age === "stale") revalidate.push({ key, tier: "MEMORY" });
      } else {
        cacheStats.tiers.MEMORY.misses++;
        if (stored?.value) fallback.set(key, { stored, tier: "MEMORY" });
        missing.push(key);
      }
    }
    timings.MEMORY = performance.now() - started;

    if (missing.length > 0) {
      const failed = await this.#resolveMisses(missing, req, now, timings, entries, revalidate, fallback);
      if (failed) throw failed;
    }
    if (revalidate.length > 0) this.#revalidate(revalidate, req);
    return { entries, timings };
  }

  async #resolveMisses(
    missing: string[],
    req: CacheRequest<V>,
    now: number,
    timings: Partial<Record<TierName, number>>,
    entries: Map<string, Lookup<V>>,
    revalidate: { key: string; tier: TierName }[],
    fallback: Map<string, { stored: Stored<V>; tier: TierName }>,
  ): Promise<CacheUnavailableError | null> {
    const toLoad = missing.filter((k) => !this.#inflight.has(k));
    if (toLoad.length < missing.length) cacheStats.coalesced += missing.length - toLoad.length;
    if (toLoad.length > 0) {
      const load = this.#loadBelow(toLoad, req, 0, timings, fallback);
      for (const key of toLoad) this.#inflight.set(key, load);
      load
        .finally(() => {
          for (const key of toLoad) if (this.#inflight.get(key) === load) this.#inflight.delete(key);
        })
        .catch(() => {});
    }
    const unavailable: string[] = [];
    let cause: unknown;
    await Promise.all(
      missing.map(async (key) => {
        try {
          const found = (await this.#inflight.get(key)) ?? (await this.#loadBelow([key], req, 0, timings, fallback));
          const hit = found.get(key);
          if (!hit) throw new Error(`no tier returned ${key}`);
          const age = this.#age(hit.stored, now);
          entries.set(key, { value: hit.stored.value, tier: hit.tier, stale: age === "stale" });
          if (age === "stale") revalidate.push({ key, tier: hit.tier });
        } catch (error) {
          const old = fallback.get(key);
          if (old) {
            cacheStats.tiers[old.tier].staleServed++;
            entries.set(key, { value: old.stored.value, tier: old.tier, stale: true });
          } else {
            unavailable.push(key);
            cause = error;
          }
        }
      }),
    );
    return unavailable.length > 0 ? new CacheUnavailableError(unavailable, cause) : null;
  }

  /** Reads the layers below `fromOrder`, then the origin for what is left, and refills the faster tiers. */
  async #loadBelow(
    keys: string[],
    req: CacheRequest<V>,
    fromOrder: number,
    timings: Partial<Record<TierName, number>>,
    fallback: Map<string, { stored: Stored<V>; tier: TierName }>,
    acceptStale = true,
  ): Promise<Found<V>> {
    const now = Date.now();
    const found: Found<V> = new Map();
    let remaining = keys;
    for (const layer of req.layers) {
      if (remaining.length === 0 || ORDER[layer.tier] <= fromOrder) continue;
      const started = performance.now();
      let got: Map<string, Stored<V>>;
      try {
        got = await layer.read(remaining);
      } catch (error) {
        // A failing tier is skipped: KV down falls through to D1, D1 down to the origin.
        cacheStats.tiers[layer.tier].errors++;
        console.warn(`cache ${this.options.namespace}: ${layer.tier} read failed;`, String(error));
        continue;
      } finally {
        timings[layer.tier] = (timings[layer.tier] ?? 0) + performance.now() - started;
      }
      const next: string[] = [];
      for (const key of remaining) {
        const stored = got.get(key);
        const age = stored ? this.#age(stored, now) : "expired";
        if (stored && (age === "fresh" || (age === "stale" && acceptStale))) {
          this.#hit(layer.tier, stored, age === "stale");
          found.set(key, { stored, tier: layer.tier });
        } else {
          cacheStats.tiers[layer.tier].misses++;
          if (stored?.value && !fallback.has(key)) fallback.set(key, { stored, tier: layer.tier });
          next.push(key);
        }
      }
      remaining = next;
    }
    if (remaining.length > 0) {
      const source = this.options.sourceTier ?? "ORIGIN";
      const started = performance.now();
      if (source === "ORIGIN") cacheStats.originQueries++;
      let loaded: Map<string, V>;
      try {
        loaded = await req.load(remaining);
      } catch (error) {
        cacheStats.tiers[source].errors++;
        this.#refill(found, req);
        throw error;
      } finally {
        timings[source] = (timings[source] ?? 0) + performance.now() - started;
      }
      for (const key of remaining) {
        const value = loaded.get(key) ?? null;
        cacheStats.tiers[source][value === null ? "misses" : "hits"]++;
        found.set(key, { stored: { value, at: Date.now() }, tier: source });
      }
    }
    this.#refill(found, req);
    return found;
  }

  #hit(tier: TierName, stored: Stored<V>, stale: boolean): void {
    cacheStats.tiers[tier].hits++;
    if (stale) cacheStats.tiers[tier].staleServed++;
    if (stored.value === null) cacheStats.negativeHits++;
  }

  /** Memory now; the slower tiers above the one that answered, after the response. */
  #refill(found: Found<V>, req: CacheRequest<V>): void {
    const byLayer = new Map<CacheLayer<V>, Map<string, Stored<V>>>();
    for (const [key, { stored, tier }] of found) {
      this.#memory.set(key, stored);
      for (const layer of req.layers) {
        if (!layer.write || ORDER[layer.tier] >= ORDER[tier]) continue;
        if (!byLayer.has(layer)) byLayer.set(layer, new Map());
        byLayer.get(layer)?.set(key, stored);
      }
    }
    for (const [layer, batch] of byLayer) {
      req.waitUntil(
        (layer.write?.(batch) ?? Promise.resolve()).catch((error: unknown) => {
          cacheStats.tiers[layer.tier].errors++;
          console.warn(`cache ${this.options.namespace}: ${layer.tier} refill failed;`, String(error));
        }),
      );
    }
  }

  #revalidate(items: { key: string; tier: TierName }[], req: CacheRequest<V>): void {
    for (const { key, tier } of items) {
      if (this.#inflight.has(key)) continue;
      // A revalidation wants newer data: stale copies further down do not count.
      const load = this.#loadBelow([key], req, ORDER[tier], {}, new Map(), false);
      this.#inflight.set(key, load);
      req.waitUntil(
        load
          .catch(() => new Map())
          .finally(() => {
            if (this.#inflight.get(key) === load) this.#inflight.delete(key);
          }),
      );
    }
  }
}
