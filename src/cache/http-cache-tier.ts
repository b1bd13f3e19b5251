import type { CacheEntry, CacheTier } from "./tiered-cache.ts";

/** A host no request can carry, so these synthetic keys never meet a real response. */
const CACHE_HOST = "https://tiered-cache.edge-quiz.internal";

/**
 * The Cache API (`caches.default`, per data centre) as a tier for query results: free to
 * write, unlike KV, and keyed by the cache generation, so any purge makes old entries
 * unreachable without enumerating them.
 */
export class HttpCacheTier<T> implements CacheTier<T> {
  readonly name = "CACHE" as const;

  constructor(
    private readonly cache: Cache,
    private readonly namespace: string,
    private readonly generation: string,
  ) {}

  #url(key: string): string {
    return `${CACHE_HOST}/${encodeURIComponent(this.namespace)}/${encodeURIComponent(this.generation)}/${encodeURIComponent(key)}`;
  }

  async getMany(keys: string[]): Promise<Map<string, CacheEntry<T>>> {
    const out = new Map<string, CacheEntry<T>>();
    await Promise.all(
      keys.map(async (key) => {
        const res = await this.cache.match(this.#url(key));
        if (res) out.set(key, (await res.json()) as CacheEntry<T>);
      }),
    );
    return out;
  }

  async setMany(items: { key: string; entry: CacheEntry<T>; ttlMs: number }[]): Promise<void> {
    await Promise.all(
      items.map(({ key, entry, ttlMs }) =>
        this.cache.put(
          this.#url(key),
          new Response(JSON.stringify(entry), {
            headers: {
              "content-type": "application/json",
              "cache-control": `public, max-age=${Math.max(1, Math.ceil(ttlMs / 1000))}`,
            },
          }),
        ),
      ),
    );
  }
}
