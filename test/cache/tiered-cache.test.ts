import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cacheStats } from "../../src/cache/stats.ts";
import {
  type CacheEntry,
  type CacheSources,
  type CacheTier,
  clearIsolateMemory,
  configureIsolateMemory,
  isolateMemoryUsage,
  SourceUnavailableError,
  TieredCache,
  type TierName,
} from "../../src/cache/tiered-cache.ts";
import { resetIsolateCache } from "../helpers/cache.ts";

const MINUTE = 60_000;
const policy = { freshMs: 10 * MINUTE, staleMs: 60 * MINUTE, negativeMs: MINUTE, staleIfErrorMs: 24 * 60 * MINUTE };

/** An in-memory tier that records what was read and written. */
class FakeTier implements CacheTier<string> {
  readonly store = new Map<string, CacheEntry<string>>();
  readonly reads: string[][] = [];
  readonly writes: string[] = [];
  failing = false;

  constructor(readonly name: TierName) {}

  async getMany(keys: string[]) {
    this.reads.push(keys);
    if (this.failing) throw new Error(`${this.name} down`);
    return new Map(keys.flatMap((k) => (this.store.has(k) ? [[k, this.store.get(k) as CacheEntry<string>]] : [])));
  }

  async setMany(items: { key: string; entry: CacheEntry<string> }[]) {
    for (const { key, entry } of items) {
      this.writes.push(key);
      this.store.set(key, entry);
    }
  }
}

interface Harness {
  cache: TieredCache<string>;
  kv: FakeTier;
  d1: FakeTier;
  origin: Map<string, string>;
  loads: string[][];
  originDown: boolean;
  background: Promise<unknown>[];
  sources: CacheSources<string>;
  settle(): Promise<void>;
}

let namespaceCounter = 0;

function harness(): Harness {
  const h = {
    cache: new TieredCache<string>({ namespace: `t${++namespaceCounter}`, ...policy }),
    kv: new FakeTier("KV"),
    d1: new FakeTier("D1"),
    origin: new Map<string, string>(),
    loads: [] as string[][],
    originDown: false,
    background: [] as Promise<unknown>[],
  } as Harness;
  h.sources = {
    tiers: [h.kv, h.d1],
    loader: {
      name: "ORIGIN",
      load: async (keys) => {
        h.loads.push(keys);
        // A round trip, so concurrent callers overlap with the load.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (h.originDown) throw new Error("origin down");
        return new Map(keys.flatMap((k) => (h.origin.has(k) ? [[k, h.origin.get(k) as string]] : [])));
      },
    },
    waitUntil: (p) => {
      h.background.push(p);
    },
  };
  h.settle = async () => {
    while (h.background.length > 0) await Promise.all(h.background.splice(0));
  };
  return h;
}

beforeEach(() => {
  resetIsolateCache();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-01T00:00:00Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("TieredCache", () => {
  it("loads a miss from the origin once, then serves it from memory", async () => {
    const h = harness();
    h.origin.set("a", "A");
    expect(await h.cache.get("a", h.sources)).toEqual({ value: "A", source: "ORIGIN", stale: false });
    expect(await h.cache.get("a", h.sources)).toEqual({ value: "A", source: "MEMORY", stale: false });
    expect(h.loads).toEqual([["a"]]);
    expect(cacheStats().originQueries).toBe(1);
  });

  it("refills every faster tier from the one that hit, never the slower ones", async () => {
    const h = harness();
    h.d1.store.set("a", { value: "A", storedAt: Date.now() });
    const result = await h.cache.get("a", h.sources);
    await h.settle();
    expect(result.source).toBe("D1");
    expect(h.kv.writes).toEqual(["a"]);
    expect(h.d1.writes).toEqual([]);
    // Memory was filled at once; after clearing it, KV answers.
    clearIsolateMemory();
    expect((await h.cache.get("a", h.sources)).source).toBe("KV");
    expect(h.loads).toEqual([]);
  });

  it("copies an origin hit into every shared tier", async () => {
    const h = harness();
    h.origin.set("a", "A");
    await h.cache.get("a", h.sources);
    await h.settle();
    expect(h.kv.store.get("a")?.value).toBe("A");
    expect(h.d1.store.get("a")?.value).toBe("A");
  });

  it("caches unknown keys as negative entries for the negative window only", async () => {
    const h = harness();
    expect((await h.cache.get("nope", h.sources)).value).toBeNull();
    expect(await h.cache.get("nope", h.sources)).toEqual({ value: null, source: "MEMORY", stale: false });
    expect(h.loads).toHaveLength(1);
    vi.setSystemTime(Date.now() + MINUTE + 1);
    await h.cache.get("nope", h.sources);
    expect(h.loads).toHaveLength(2);
    expect(cacheStats().negativeHits).toBe(1);
  });

  it("serves a stale entry at once and refreshes it in the background, once", async () => {
    const h = harness();
    h.origin.set("a", "old");
    await h.cache.get("a", h.sources);
    await h.settle();
    h.origin.set("a", "new");
    h.kv.store.clear();
    h.d1.store.clear();
    vi.setSystemTime(Date.now() + 11 * MINUTE);
    const [first, second] = await Promise.all([h.cache.get("a", h.sources), h.cache.get("a", h.sources)]);
    expect(first).toEqual({ value: "old", source: "MEMORY", stale: true });
    expect(second.stale).toBe(true);
    await h.settle();
    expect(h.loads).toHaveLength(2);
    expect(cacheStats().revalidations).toBe(1);
    expect(await h.cache.get("a", h.sources)).toEqual({ value: "new", source: "MEMORY", stale: false });
  });

  it("serves what is cached when the sources fail (stale-if-error), else throws", async () => {
    const h = harness();
    h.origin.set("a", "A");
    await h.cache.get("a", h.sources);
    await h.settle();
    h.kv.failing = true;
    h.d1.failing = true;
    h.originDown = true;
    vi.setSystemTime(Date.now() + 2 * 60 * MINUTE);
    expect(await h.cache.get("a", h.sources)).toEqual({ value: "A", source: "MEMORY", stale: true });
    await expect(h.cache.get("b", h.sources)).rejects.toBeInstanceOf(SourceUnavailableError);
    const stats = cacheStats();
    expect(stats.sources.KV.errors).toBeGreaterThan(0);
    expect(stats.sources.ORIGIN.errors).toBeGreaterThan(0);
  });

  it("falls through a failing tier to the next", async () => {
    const h = harness();
    h.kv.failing = true;
    h.d1.store.set("a", { value: "A", storedAt: Date.now() });
    expect((await h.cache.get("a", h.sources)).source).toBe("D1");
    expect(cacheStats().sources.KV.errors).toBe(1);
  });

  it("makes one origin load for concurrent misses of one key", async () => {
    const h = harness();
    h.origin.set("a", "A");
    const results = await Promise.all(Array.from({ length: 50 }, () => h.cache.get("a", h.sources)));
    expect(results.every((r) => r.value === "A")).toBe(true);
    expect(h.loads).toEqual([["a"]]);
    expect(cacheStats().coalesced).toBe(49);
  });

  it("reads many keys with one call per tier and one load for the rest", async () => {
    const h = harness();
    h.kv.store.set("k", { value: "K", storedAt: Date.now() });
    h.d1.store.set("d", { value: "D", storedAt: Date.now() });
    h.origin.set("o", "O");
    const results = await h.cache.getMany(["k", "d", "o", "x"], h.sources);
    expect(h.kv.reads).toEqual([["k", "d", "o", "x"]]);
    expect(h.d1.reads).toEqual([["d", "o", "x"]]);
    expect(h.loads).toEqual([["o", "x"]]);
    expect(Object.fromEntries([...results].map(([k, r]) => [k, "error" in r ? "error" : r.source]))).toEqual({
      k: "KV",
      d: "D1",
      o: "ORIGIN",
      x: "ORIGIN",
    });
  });

  it("does not write back a load that a purge overtook", async () => {
    const h = harness();
    h.origin.set("a", "old");
    const pending = h.cache.get("a", h.sources);
    clearIsolateMemory();
    await pending;
    await h.settle();
    expect(h.kv.writes).toEqual([]);
    expect((await h.cache.get("a", h.sources)).source).not.toBe("MEMORY");
  });

  it("keeps isolate memory bounded", async () => {
    configureIsolateMemory({ maxEntries: 3 });
    const h = harness();
    for (const k of ["a", "b", "c", "d"]) h.origin.set(k, k.toUpperCase());
    for (const k of ["a", "b", "c", "d"]) await h.cache.get(k, h.sources);
    expect((await h.cache.get("a", h.sources)).source).not.toBe("MEMORY");
    expect((await h.cache.get("d", h.sources)).source).toBe("MEMORY");
    configureIsolateMemory({});
  });

  it("bounds isolate memory by the bytes of its entries, not only their count", async () => {
    configureIsolateMemory({ maxBytes: 64 * 1024 });
    const h = harness();
    // About 20 KB each by the estimate: three fit, the fourth evicts the oldest.
    for (const k of ["a", "b", "c", "d"]) h.origin.set(k, k.repeat(10_000));
    for (const k of ["a", "b", "c", "d"]) await h.cache.get(k, h.sources);
    expect(isolateMemoryUsage().bytes).toBeLessThanOrEqual(64 * 1024);
    expect(isolateMemoryUsage().entries).toBe(3);
    expect((await h.cache.get("a", h.sources)).source).not.toBe("MEMORY");
    expect((await h.cache.get("d", h.sources)).source).toBe("MEMORY");
    configureIsolateMemory({});
  });

  it("keeps a namespace with its own budget out of the shared pool", async () => {
    const h = harness();
    const own = new TieredCache<string>({ namespace: "own", ...policy, memory: { maxBytes: 1024, maxEntries: 2 } });
    for (const k of ["a", "b", "c"]) h.origin.set(k, k.toUpperCase());
    for (const k of ["a", "b", "c"]) await own.get(k, h.sources);
    expect(isolateMemoryUsage().entries).toBe(0);
    expect((await own.get("c", h.sources)).source).toBe("MEMORY");
    expect((await own.get("a", h.sources)).source).not.toBe("MEMORY"); // its own bound of two
  });

  it("keeps unknown keys in a pool of their own, so random ids do not evict known entries", async () => {
    configureIsolateMemory({ maxEntries: 3 });
    const h = harness();
    h.origin.set("a", "A");
    await h.cache.get("a", h.sources);
    const unknown = Array.from({ length: 50 }, (_, i) => `nope-${i}`);
    await h.cache.getMany(unknown, h.sources);
    expect((await h.cache.get("a", h.sources)).source).toBe("MEMORY");
    expect((await h.cache.get("nope-1", h.sources)).source).toBe("MEMORY"); // still known unknown
    configureIsolateMemory({});
  });

  it("writes no negative entries to a tier that does not store them (KV)", async () => {
    const h = harness();
    Object.assign(h.kv, { storesNegatives: false });
    h.origin.set("a", "A");
    await h.cache.getMany(["a", ...Array.from({ length: 100 }, (_, i) => `nope-${i}`)], h.sources);
    await h.settle();
    expect(h.kv.writes).toEqual(["a"]);
    expect(h.d1.writes.length).toBe(101); // a tier that keeps them still gets them
  });
});
