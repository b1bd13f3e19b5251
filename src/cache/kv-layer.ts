import type { CacheLayer, Stored } from "./tiered-cache.ts";

/** KV's bulk get takes at most 100 keys. */
const KV_BULK_LIMIT = 100;
/** KV's shortest expiration. */
const KV_MIN_TTL_S = 60;

/**
 * A KV tier: one entry per key under `prefix`, read with bulk gets. Entries expire after
 * `ttlSeconds` (negative ones after `negativeTtlSeconds`), well past their stale window.
 */
export function kvLayer<V>(
  kv: KVNamespace,
  prefix: string,
  ttlSeconds: number,
  negativeTtlSeconds = KV_MIN_TTL_S,
): CacheLayer<V> {
  return {
    tier: "KV",
    async read(keys) {
      const out = new Map<string, Stored<V>>();
      for (let i = 0; i < keys.length; i += KV_BULK_LIMIT) {
        const chunk = keys.slice(i, i + KV_BULK_LIMIT);
        const values = await kv.get<Stored<V>>(
          chunk.map((k) => `${prefix}:${k}`),
          "json",
        );
        for (const key of chunk) {
          const stored = values.get(`${prefix}:${key}`);
          if (stored) out.set(key, stored);
        }
      }
      return out;
    },
    async write(entries) {
      await Promise.all(
        [...entries].map(([key, stored]) =>
          kv.put(`${prefix}:${key}`, JSON.stringify(stored), {
            expirationTtl: Math.max(KV_MIN_TTL_S, stored.value === null ? negativeTtlSeconds : ttlSeconds),
          }),
        ),
      );
    },
  };
}
