import { count } from "./stats.ts";
import { clearIsolateMemory } from "./tiered-cache.ts";

/** KV key whose value changes on every purge: isolates that see it change drop their memory. */
export const GENERATION_KEY = "cache:generation";
/** KV key whose value changes on a purge of everything: it prefixes every KV cache key. */
export const KV_EPOCH_KEY = "cache:kv-epoch";
/** An isolate re-reads both at most this often, so other isolates forget purged entries within it. */
export const GENERATION_REFRESH_MS = 3_000;

export interface CacheGeneration {
  /** Changes on every purge; part of every Cache API key. */
  generation: string;
  /** Changes on a purge of everything; part of every KV cache key. */
  kvEpoch: string;
}

let known: CacheGeneration & { checkedAt: number } = {
  generation: "0",
  kvEpoch: "0",
  checkedAt: Number.NEGATIVE_INFINITY,
};

function adopt(next: CacheGeneration, now: number): void {
  if (next.generation !== known.generation || next.kvEpoch !== known.kvEpoch) clearIsolateMemory();
  known = { ...next, checkedAt: now };
}

/** This isolate's copy when it is recent enough to use without asking KV, else null. */
export function recentCacheGeneration(now = Date.now()): CacheGeneration | null {
  return now - known.checkedAt < GENERATION_REFRESH_MS ? known : null;
}

/**
 * The current generation, from this isolate's copy while it is younger than
 * GENERATION_REFRESH_MS, else from KV. KV failing keeps the last known value (and is retried
 * after the same interval, not on every request).
 */
export async function cacheGeneration(kv: KVNamespace, now = Date.now()): Promise<CacheGeneration> {
  const recent = recentCacheGeneration(now);
  if (recent) return recent;
  // Claimed before the read, so concurrent requests keep using the current value meanwhile.
  known.checkedAt = now;
  try {
    const values = await kv.get([GENERATION_KEY, KV_EPOCH_KEY], "text");
    adopt({ generation: values.get(GENERATION_KEY) ?? "0", kvEpoch: values.get(KV_EPOCH_KEY) ?? "0" }, now);
  } catch (error) {
    count.error("KV");
    console.warn("cache: generation unreadable;", error instanceof Error ? error.message : error);
  }
  return known;
}

/** The generation as KV has it now, skipping this isolate's copy. */
export function latestCacheGeneration(kv: KVNamespace): Promise<CacheGeneration> {
  known.checkedAt = Number.NEGATIVE_INFINITY;
  return cacheGeneration(kv);
}

/**
 * Publishes a new generation (and, with `kvEpoch`, a new KV epoch) and applies it here at once.
 * Values are unique tokens rather than counters, so two concurrent purges never publish the same one.
 */
export async function bumpGeneration(kv: KVNamespace, options: { kvEpoch: boolean }): Promise<CacheGeneration> {
  // A fresh read: the KV epoch may have changed in another isolate since this one last looked.
  const current = await latestCacheGeneration(kv);
  const token = `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
  const next = { generation: token, kvEpoch: options.kvEpoch ? token : current.kvEpoch };
  if (options.kvEpoch) await kv.put(KV_EPOCH_KEY, next.kvEpoch);
  await kv.put(GENERATION_KEY, next.generation);
  adopt(next, Date.now());
  return next;
}

/** Forgets the isolate's copy (tests and benchmarks start from a known state). */
export function resetCacheGeneration(): void {
  known = { generation: "0", kvEpoch: "0", checkedAt: Number.NEGATIVE_INFINITY };
}
