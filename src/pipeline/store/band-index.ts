import { type BandRow, isBandKey } from "./band-table.ts";
import type { NearDuplicateBands } from "./near-duplicate-bands-object.ts";

/**
 * Shards of the band index, split by band key. Each shard's object handles its own lookups
 * and writes one at a time, so the shards let that many run in parallel. The rows take 11 to
 * 23 bytes each in memory (band-table.ts): six a question, so a million questions take about
 * 100 MB over all shards.
 */
const SHARDS = 4;

export interface BandIndex {
  /** The stored rows under the given band keys. */
  match(keys: number[]): Promise<BandRow[]>;
  /** Stores rows; repeating it changes nothing. */
  add(rows: BandRow[]): Promise<void>;
}

function byShard<T>(items: T[], keyOf: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const shard = keyOf(item) % SHARDS;
    const list = out.get(shard) ?? [];
    list.push(item);
    out.set(shard, list);
  }
  return out;
}

/** The band index named `name`: one per deployment, fresh ones for benchmarks and tests. */
export function bandIndex(namespace: DurableObjectNamespace<NearDuplicateBands>, name = "near-duplicates"): BandIndex {
  const shard = (i: number) => namespace.get(namespace.idFromName(`${name}/${i}`));
  return {
    async match(keys) {
      // A key that is not a band key is stored nowhere.
      const parts = await Promise.all(
        [...byShard([...new Set(keys.filter(isBandKey))], (key) => key)].map(([i, part]) =>
          shard(i).match(Int32Array.from(part)),
        ),
      );
      const rows: BandRow[] = [];
      for (const pairs of parts)
        for (let j = 0; j + 1 < pairs.length; j += 2) rows.push([pairs[j] ?? 0, pairs[j + 1] ?? 0]);
      return rows;
    },
    async add(rows) {
      const bad = rows.find(([key]) => !isBandKey(key));
      if (bad) throw new RangeError(`not a band key: ${bad[0]}`);
      await Promise.all(
        [...byShard(rows, (row) => row[0])].map(([i, part]) => shard(i).add(Int32Array.from(part.flat()))),
      );
    },
  };
}
