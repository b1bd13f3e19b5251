import type { CacheEntry, CacheTier } from "./tiered-cache.ts";

/** KV refuses TTLs under a minute. */
const KV_MIN_TTL_S = 60;
/** KV bulk reads take at most this many keys. */
const KV_BULK_GET_MAX = 100;

interface StoredEntry<T> {
  v: T | null;
  t: number;
}

function isStoredEntry<T>(raw: unknown): raw is StoredEntry<T> {
  return typeof raw === "object" && raw !== null && "v" in raw && typeof (raw as { t?: unknown }).t === "number";
}

/**
 * Workers KV as a cache tier: one key per entry under `prefix` (namespace and KV epoch, so a
 * purge of everything is a new epoch rather than a delete per key), read in bulk.
 */
export class KvTier<T> implements CacheTier<T> {
  readonly name = "KV" as const;
  /** Every put is a billed write with a daily cap; a negative entry is not worth one. */
  readonly storesNegatives = false;

  constructor(
    private readonly kv: KVNamespace,
    private readonly prefix: string,
  ) {}

  key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async getMany(keys: string[]): Promise<Map<string, CacheEntry<T>>> {
    const out = new Map<string, CacheEntry<T>>();
    for (let i = 0; i < keys.length; i += KV_BULK_GET_MAX) {
      const chunk = keys.slice(i, i + KV_BULK_GET_MAX);
      if (chunk.length === 1) {
        // A single key: the plain read is the cheaper call.
        const raw = await this.kv.get(this.key(chunk[0] as string), "json");
        if (isStoredEntry<T>(raw)) out.set(chunk[0] as string, { value: raw.v, storedAt: raw.t });
        continue;
      }
      const found = await this.kv.get(
        chunk.map((k) => this.key(k)),
        "json",
      );
      for (const key of chunk) {
        const raw = found.get(this.key(key));
        if (isStoredEntry<T>(raw)) out.set(key, { value: raw.v, storedAt: raw.t });
      }
    }
    return out;
  }

  async setMany(items: { key: string; entry: CacheEntry<T>; ttlMs: number }[]): Promise<void> {
    await Promise.all(
      items.map(({ key, entry, ttlMs }) => {
        const stored: StoredEntry<T> = { v: entry.value, t: entry.storedAt };
        const expirationTtl = Math.max(KV_MIN_TTL_S, Math.ceil(ttlMs / 1000));
        return this.kv.put(this.key(key), JSON.stringify(stored), { expirationTtl });
      }),
    );
  }
}
