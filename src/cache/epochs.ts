import { z } from "zod";

/**
 * Purge generations, shared by every isolate through KV. `memory` moving on makes isolates
 * drop their memory tier; `questions` and `views` are part of KV key names, so moving them
 * on orphans every KV entry of that kind at once (they expire by TTL).
 */
export const CacheEpochs = z.object({
  memory: z.number().int().min(0),
  questions: z.number().int().min(0),
  views: z.number().int().min(0),
});
export type CacheEpochs = z.infer<typeof CacheEpochs>;

const EPOCHS_KEY = "cache:epochs";
/** How often an isolate looks for a purge made elsewhere. */
export const EPOCH_CHECK_MS = 5_000;

let known: { epochs: CacheEpochs; checkedAt: number } = {
  epochs: { memory: 0, questions: 0, views: 0 },
  checkedAt: Number.NEGATIVE_INFINITY,
};

/** The current generations, re-read from KV at most every few seconds; KV failing keeps the last known. */
export async function currentEpochs(kv: KVNamespace, now = Date.now()): Promise<CacheEpochs> {
  if (now - known.checkedAt < EPOCH_CHECK_MS) return known.epochs;
  try {
    const raw = await kv.get(EPOCHS_KEY, "json");
    known = { epochs: raw === null ? known.epochs : CacheEpochs.parse(raw), checkedAt: now };
  } catch (error) {
    console.warn("cache: epochs unreadable;", String(error));
    known = { ...known, checkedAt: now };
  }
  return known.epochs;
}

/** Moves the named generations on and publishes them; this isolate sees them at once. */
export async function bumpEpochs(kv: KVNamespace, which: (keyof CacheEpochs)[]): Promise<CacheEpochs> {
  const raw = await kv.get(EPOCHS_KEY, "json");
  const epochs = raw === null ? { ...known.epochs } : CacheEpochs.parse(raw);
  for (const name of which) epochs[name] = Math.max(epochs[name], known.epochs[name]) + 1;
  await kv.put(EPOCHS_KEY, JSON.stringify(epochs));
  known = { epochs, checkedAt: Date.now() };
  return epochs;
}
