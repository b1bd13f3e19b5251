import { GENERATION_REFRESH_MS, latestCacheGeneration } from "./generation.ts";

/**
 * When the second delete of purged KV keys runs. Tests lower it so waiting for a request's
 * background work does not take seconds.
 */
export const purgeTiming = { redeleteAfterMs: GENERATION_REFRESH_MS + 500 };

/**
 * Deletes the KV entries of `keys` in each namespace of the current KV epoch; returns how many
 * KV keys that was. Throws when KV does, so a caller can keep the purge pending.
 */
export async function deleteKvEntries(
  kv: KVNamespace,
  namespaces: string[],
  keys: string[],
  ctx: Pick<ExecutionContext, "waitUntil"> | undefined,
): Promise<number> {
  const { kvEpoch } = await latestCacheGeneration(kv);
  const kvKeys = keys.flatMap((key) => namespaces.map((ns) => `${ns}:${kvEpoch}:${key}`));
  const deleteAll = () => Promise.all(kvKeys.map((key) => kv.delete(key)));
  await deleteAll();
  // A load that began in another isolate before the purge can write its old value back after
  // the delete; once every isolate has seen the new generation, delete again.
  ctx?.waitUntil(
    new Promise((resolve) => setTimeout(resolve, purgeTiming.redeleteAfterMs)).then(deleteAll).catch(() => undefined),
  );
  return kvKeys.length;
}
