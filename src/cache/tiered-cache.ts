import { Lru } from "./lru.ts";
import { count, type SourceName } from "./stats.ts";
import { addTiming, type Timings } from "./timings.ts";

/** A cached value with the time it was read from its source. */
export interface CacheEntry<T> {
  /** `null` is a negative entry: the key is known not to exist. */
  value: T | null;
  /** Epoch milliseconds when the value was read from the source of truth. */
  storedAt: number;
}

export type TierName = Exclude<SourceName, "ORIGIN">;

/** A shared tier below isolate memory (KV, the Cache API, D1). */
export interface CacheTier<T> {
  readonly name: TierName;
  /** Whatever it holds for these keys, fresh or not; freshness is the cache's decision. */
  getMany(keys: string[]): Promise<Map<string, CacheEntry<T>>>;
  /**
   * False for a tier where each write costs (KV): unknown keys then stay in isolate memory,
   * so a client sending random ids cannot turn them into writes.
   */
  readonly storesNegatives?: boolean;
  /** Stores entries for at least `ttlMs` (tiers that cannot expire keys may ignore it). */
  setMany(items: { key: string; entry: CacheEntry<T>; ttlMs: number }[]): Promise<void>;
}

/** The source behind the tiers: finds the keys it can; keys absent from the map do not exist. */
export interface CacheLoader<T> {
  readonly name: SourceName;
  load(keys: string[]): Promise<Map<string, T>>;
}

/**
 * What one request looks in. Built per request because bindings come with the request
 * (and tests hand in failing ones); isolate memory is built in and always looked at first.
 */
export interface CacheSources<T> {
  tiers: CacheTier<T>[];
  loader: CacheLoader<T>;
  waitUntil(promise: Promise<unknown>): void;
}

export interface CachePolicy {
  /** Prefix of every key, so namespaces share tiers without colliding. */
  namespace: string;
  /** Served as is. */
  freshMs: number;
  /** Up to this age an entry is served while a background refresh runs (stale-while-revalidate). */
  staleMs: number;
  /** How long an unknown key is remembered as unknown. */
  negativeMs: number;
  /** With every source failing, entries up to this age are served rather than an error. */
  staleIfErrorMs: number;
  /**
   * A memory pool of its own, for keys a client can make up without bound (pages after an
   * arbitrary cursor): they evict each other, never the shared pool's entries.
   */
  memory?: MemoryBudget;
}

export interface CacheResult<T> {
  value: T | null;
  /** The tier (or loader) that answered. */
  source: SourceName;
  stale: boolean;
}

/** Nothing cached and the source failed: the caller answers 503. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly source: SourceName,
    options: { cause: unknown },
  ) {
    super(`${source} is unavailable and nothing usable is cached`, options);
    this.name = "SourceUnavailableError";
  }
}

type Resolved<T> = { entry: CacheEntry<T>; source: SourceName; stale: boolean };
type Outcome<T> = Resolved<T> | { error: SourceUnavailableError };
type Fallback<T> = { entry: CacheEntry<T>; source: SourceName };

/** A waiter gives up on another request's load after this long and loads on its own. */
const COALESCE_WAIT_MS = 10_000;

/** What a memory pool may hold: an estimate of its bytes, and a count of entries. */
export interface MemoryBudget {
  maxBytes: number;
  maxEntries: number;
}

const MB = 1024 * 1024;
/** The shared pool: a quarter of an isolate's 128 MB, whatever the entries weigh. */
export const DEFAULT_MEMORY_BUDGET: MemoryBudget = { maxBytes: 32 * MB, maxEntries: 50_000 };
/** Unknown keys have a pool of their own, so random ids cannot push known entries out. */
const NEGATIVE_BUDGET: MemoryBudget = { maxBytes: 2 * MB, maxEntries: 20_000 };
/** Key, timestamps and the map's own slot, on top of the value. */
const ENTRY_OVERHEAD_BYTES = 128;

/**
 * Roughly what an entry keeps alive on the heap: its value as JSON, two bytes a character
 * (strings outside Latin-1 take two), plus a fixed overhead. An estimate, not a measurement.
 */
export function entryBytes(entry: CacheEntry<unknown>): number {
  return entry.value === null ? ENTRY_OVERHEAD_BYTES : 2 * JSON.stringify(entry.value).length + ENTRY_OVERHEAD_BYTES;
}

function pool(budget: MemoryBudget): Lru<CacheEntry<unknown>> {
  return new Lru<CacheEntry<unknown>>(budget, entryBytes);
}

// Isolate-wide state: one memory budget shared by namespaces without their own, one pool for
// negative entries, one in-flight table.
let memory = pool(DEFAULT_MEMORY_BUDGET);
const negatives = pool(NEGATIVE_BUDGET);
/** Pools of namespaces with a budget of their own (see `CachePolicy.memory`). */
const ownPools = new Set<Lru<CacheEntry<unknown>>>();
/** Bumped when memory is cleared, so loads that started before a purge do not write back. */
let memoryEpoch = 0;
const inflight = new Map<string, Promise<Outcome<unknown>>>();
const revalidating = new Set<string>();

/** Empties isolate memory (a purge); loads already under way will not refill it. */
export function clearIsolateMemory(): void {
  for (const lru of [memory, negatives, ...ownPools]) lru.clear();
  memoryEpoch += 1;
}

/** Replaces the shared pool with an empty one of this budget (the rest of the default). */
export function configureIsolateMemory(budget: Partial<MemoryBudget>): void {
  memory = pool({ ...DEFAULT_MEMORY_BUDGET, ...budget });
  memoryEpoch += 1;
}

/** The shared pool's use (`capacity` is its entry bound), and how many unknown keys are remembered. */
export function isolateMemoryUsage() {
  return {
    entries: memory.size,
    capacity: memory.budget.maxEntries,
    bytes: memory.bytes,
    maxBytes: memory.budget.maxBytes,
    negativeEntries: negatives.size,
  };
}

function isResolved<T>(outcome: Outcome<T>): outcome is Resolved<T> {
  return !("error" in outcome);
}

/**
 * The one read-through cache of the app: isolate memory (bounded LRU), then the shared tiers
 * of the request, then the loader. A hit refills the faster tiers (memory at once, shared
 * tiers in `waitUntil`); stale entries are served while one background refresh runs; unknown
 * keys are cached as negative entries; when sources fail, what is cached is served; and
 * concurrent misses for a key in an isolate share one load.
 */
export class TieredCache<T> {
  readonly #own: Lru<CacheEntry<unknown>> | undefined;

  constructor(readonly policy: CachePolicy) {
    if (policy.memory) {
      this.#own = pool(policy.memory);
      ownPools.add(this.#own);
    }
  }

  #memoryGet(key: string): CacheEntry<T> | undefined {
    const memoryKey = this.#memoryKey(key);
    return ((this.#own ?? memory).get(memoryKey) ?? negatives.get(memoryKey)) as CacheEntry<T> | undefined;
  }

  #memorySet(key: string, entry: CacheEntry<T>): void {
    const memoryKey = this.#memoryKey(key);
    const [keep, drop] = entry.value === null ? [negatives, this.#own ?? memory] : [this.#own ?? memory, negatives];
    drop.delete(memoryKey);
    keep.set(memoryKey, entry);
  }

  /**
   * A fresh entry from isolate memory, counted as a hit (unless told not to, by a caller that
   * may not serve it), or undefined. Synchronous, so the hot path can answer before building
   * any per-request sources.
   */
  peek(key: string, options: { count: boolean } = { count: true }): CacheResult<T> | undefined {
    const entry = this.#memoryGet(key);
    if (!entry || this.#state(entry, Date.now()) !== "fresh") return undefined;
    if (!options.count) return { value: entry.value, source: "MEMORY", stale: false };
    count.hit("MEMORY");
    if (entry.value === null) count.negativeHit();
    return { value: entry.value, source: "MEMORY", stale: false };
  }

  /** One key. Throws `SourceUnavailableError` when it cannot be answered. */
  async get(key: string, sources: CacheSources<T>, timings: Timings = {}): Promise<CacheResult<T>> {
    const hit = this.peek(key);
    if (hit) return hit;
    const result = (await this.getMany([key], sources, timings)).get(key) as
      | CacheResult<T>
      | { error: SourceUnavailableError };
    if ("error" in result) throw result.error;
    return result;
  }

  /**
   * Many keys in one pass per tier (KV bulk get, one D1 and one origin query for the rest).
   * Each key gets a result or the error that kept it from one.
   */
  async getMany(
    keys: string[],
    sources: CacheSources<T>,
    timings: Timings = {},
  ): Promise<Map<string, CacheResult<T> | { error: SourceUnavailableError }>> {
    const now = Date.now();
    const results = new Map<string, Outcome<T>>();
    const expired = new Map<string, Fallback<T>>();
    const misses: string[] = [];
    const stale: string[] = [];
    for (const key of new Set(keys)) {
      const entry = this.#memoryGet(key);
      const state = entry ? this.#state(entry, now) : "miss";
      if (entry && state === "fresh") {
        count.hit("MEMORY");
        results.set(key, { entry, source: "MEMORY", stale: false });
      } else if (entry && state === "stale") {
        count.stale("MEMORY");
        results.set(key, { entry, source: "MEMORY", stale: true });
        stale.push(key);
      } else {
        count.miss("MEMORY");
        if (entry) expired.set(key, { entry, source: "MEMORY" });
        misses.push(key);
      }
    }
    if (stale.length > 0) this.#revalidate(stale, sources);
    if (misses.length > 0) {
      for (const [key, outcome] of await this.#resolveShared(misses, sources, timings, expired)) {
        results.set(key, outcome);
      }
    }
    const out = new Map<string, CacheResult<T> | { error: SourceUnavailableError }>();
    for (const [key, outcome] of results) {
      if (!isResolved(outcome)) {
        out.set(key, outcome);
        continue;
      }
      if (outcome.entry.value === null && outcome.source !== sources.loader.name) count.negativeHit();
      out.set(key, { value: outcome.entry.value, source: outcome.source, stale: outcome.stale });
    }
    return out;
  }

  /** Drops keys from this isolate's memory (shared tiers are the purge service's business). */
  forget(keys: string[]): void {
    for (const key of keys) {
      (this.#own ?? memory).delete(this.#memoryKey(key));
      negatives.delete(this.#memoryKey(key));
    }
  }

  #memoryKey(key: string): string {
    return `${this.policy.namespace}:${key}`;
  }

  #state(entry: CacheEntry<T>, now: number): "fresh" | "stale" | "expired" {
    const age = now - entry.storedAt;
    if (entry.value === null) return age < this.policy.negativeMs ? "fresh" : "expired";
    if (age < this.policy.freshMs) return "fresh";
    return age < this.policy.staleMs ? "stale" : "expired";
  }

  #ttlMs(entry: CacheEntry<T>): number {
    return entry.value === null ? this.policy.negativeMs : this.policy.staleIfErrorMs;
  }

  /** Joins loads already in flight for some keys and starts one shared load for the others. */
  async #resolveShared(
    keys: string[],
    sources: CacheSources<T>,
    timings: Timings,
    expired: Map<string, Fallback<T>>,
  ): Promise<Map<string, Outcome<T>>> {
    const waits: Promise<[string, Outcome<T>]>[] = [];
    const own: string[] = [];
    for (const key of keys) {
      const pending = inflight.get(this.#memoryKey(key)) as Promise<Outcome<T>> | undefined;
      if (pending) waits.push(this.#join(key, pending, sources, timings, expired));
      else own.push(key);
    }
    const results = new Map<string, Outcome<T>>();
    if (own.length > 0) {
      const load = this.#lookup(own, sources, timings, expired, false);
      // Keeps the request that started the load alive until it settles, so requests that
      // joined it are not left waiting on a cancelled context.
      sources.waitUntil(load.catch(() => undefined));
      for (const key of own) {
        const memoryKey = this.#memoryKey(key);
        const perKey = load.then((m) => m.get(key) as Outcome<T>);
        inflight.set(memoryKey, perKey);
        void perKey.finally(() => {
          if (inflight.get(memoryKey) === perKey) inflight.delete(memoryKey);
        });
      }
      for (const [key, outcome] of await load) results.set(key, outcome);
    }
    for (const [key, outcome] of await Promise.all(waits)) results.set(key, outcome);
    return results;
  }

  /**
   * Waits for another request's load. Only plain data crosses requests (loaders open their
   * own connections); if the other request is cancelled, this one loads after a timeout.
   */
  async #join(
    key: string,
    pending: Promise<Outcome<T>>,
    sources: CacheSources<T>,
    timings: Timings,
    expired: Map<string, Fallback<T>>,
  ): Promise<[string, Outcome<T>]> {
    count.coalesced();
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), COALESCE_WAIT_MS);
    });
    try {
      const outcome = await Promise.race([pending, timeout]);
      if (outcome) return [key, outcome];
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      addTiming(timings, "coalesced", performance.now() - started);
    }
    const own = await this.#lookup([key], sources, timings, expired, false);
    return [key, own.get(key) as Outcome<T>];
  }

  /** Background refresh of stale keys, at most one per key in this isolate. */
  #revalidate(keys: string[], sources: CacheSources<T>): void {
    const todo = keys.filter((key) => !revalidating.has(this.#memoryKey(key)));
    if (todo.length === 0) return;
    count.revalidation();
    for (const key of todo) revalidating.add(this.#memoryKey(key));
    const refresh = this.#lookup(todo, sources, {}, new Map(), true).finally(() => {
      for (const key of todo) revalidating.delete(this.#memoryKey(key));
    });
    sources.waitUntil(refresh.catch(() => undefined));
  }

  /**
   * Looks in each shared tier, fastest first, then asks the loader for what is left.
   * `freshOnly` (revalidation) skips stale entries so they get replaced.
   */
  async #lookup(
    keys: string[],
    sources: CacheSources<T>,
    timings: Timings,
    expired: Map<string, Fallback<T>>,
    freshOnly: boolean,
  ): Promise<Map<string, Outcome<T>>> {
    const epoch = memoryEpoch;
    const results = new Map<string, Outcome<T>>();
    const fallbacks = new Map(expired);
    const staleServed: string[] = [];
    let remaining = keys;

    for (const [index, tier] of sources.tiers.entries()) {
      if (remaining.length === 0) break;
      let found: Map<string, CacheEntry<T>>;
      const started = performance.now();
      try {
        found = await tier.getMany(remaining);
      } catch (error) {
        count.error(tier.name);
        console.warn(`cache ${this.policy.namespace}: ${tier.name} read failed;`, errorMessage(error));
        continue;
      } finally {
        addTiming(timings, tier.name, performance.now() - started);
      }
      const now = Date.now();
      const faster = sources.tiers.slice(0, index);
      const refill: { key: string; entry: CacheEntry<T> }[] = [];
      const next: string[] = [];
      for (const key of remaining) {
        const entry = found.get(key);
        const state = entry ? this.#state(entry, now) : "miss";
        if (entry && (state === "fresh" || (state === "stale" && !freshOnly))) {
          const stale = state === "stale";
          if (stale) {
            count.stale(tier.name);
            staleServed.push(key);
          } else count.hit(tier.name);
          results.set(key, { entry, source: tier.name, stale });
          refill.push({ key, entry });
        } else {
          count.miss(tier.name);
          if (entry) fallbacks.set(key, newer(fallbacks.get(key), { entry, source: tier.name }));
          next.push(key);
        }
      }
      this.#fill(refill, faster, sources, epoch);
      remaining = next;
    }
    if (staleServed.length > 0) this.#revalidate(staleServed, sources);
    if (remaining.length === 0) return results;

    const { loader } = sources;
    let loaded: Map<string, T>;
    const started = performance.now();
    try {
      if (loader.name === "ORIGIN") count.originQuery();
      loaded = await loader.load(remaining);
    } catch (error) {
      count.error(loader.name);
      console.warn(`cache ${this.policy.namespace}: ${loader.name} load failed;`, errorMessage(error));
      const now = Date.now();
      const unavailable = new SourceUnavailableError(loader.name, { cause: error });
      for (const key of remaining) {
        const fallback = fallbacks.get(key);
        if (fallback && now - fallback.entry.storedAt < this.policy.staleIfErrorMs) {
          count.stale(fallback.source);
          results.set(key, { entry: fallback.entry, source: fallback.source, stale: true });
        } else {
          results.set(key, { error: unavailable });
        }
      }
      return results;
    } finally {
      addTiming(timings, loader.name, performance.now() - started);
    }
    const storedAt = Date.now();
    const fills: { key: string; entry: CacheEntry<T> }[] = [];
    for (const key of remaining) {
      const entry: CacheEntry<T> = { value: loaded.get(key) ?? null, storedAt };
      if (entry.value === null) count.miss(loader.name);
      else count.hit(loader.name);
      results.set(key, { entry, source: loader.name, stale: false });
      fills.push({ key, entry });
    }
    this.#fill(fills, sources.tiers, sources, epoch);
    return results;
  }

  /** Memory at once, shared tiers in the background; skipped if a purge happened meanwhile. */
  #fill(
    items: { key: string; entry: CacheEntry<T> }[],
    tiers: CacheTier<T>[],
    sources: CacheSources<T>,
    epoch: number,
  ): void {
    if (items.length === 0 || epoch !== memoryEpoch) return;
    for (const { key, entry } of items) this.#memorySet(key, entry);
    const withTtl = items.map(({ key, entry }) => ({ key, entry, ttlMs: this.#ttlMs(entry) }));
    const known = withTtl.filter(({ entry }) => entry.value !== null);
    for (const tier of tiers) {
      const writes = tier.storesNegatives === false ? known : withTtl;
      if (writes.length === 0) continue;
      sources.waitUntil(
        tier.setMany(writes).catch((error) => {
          count.error(tier.name);
          console.warn(`cache ${this.policy.namespace}: ${tier.name} refill failed;`, errorMessage(error));
        }),
      );
    }
  }
}

function newer<T>(a: Fallback<T> | undefined, b: Fallback<T>): Fallback<T> {
  return a && a.entry.storedAt >= b.entry.storedAt ? a : b;
}

/** One line for logs: drizzle puts the whole query and its parameters in the message. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error.message.split("\n")[0] ?? "";
  const cause = error.cause instanceof Error ? `: ${error.cause.message.split("\n")[0]}` : "";
  return `${first.slice(0, 200)}${cause}`;
}
