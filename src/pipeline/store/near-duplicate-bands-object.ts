import { DurableObject } from "cloudflare:workers";
import { BandTable, isBandKey } from "./band-table.ts";

/** Rows per stored run: 8 bytes each, well under the 2 MB a SQLite value may hold here. */
const ROWS_PER_RUN = 100_000;

/**
 * One shard of the near-duplicate band index (src/pipeline/store/band-index.ts): the band rows
 * whose key falls in it, held in memory as a hash table and kept on disk as an append-only log
 * of runs, each a blob of int32 pairs. A lookup and a write each cost in proportion to the rows
 * they carry, never to the store. In a B-tree of random keys (D1 held the index before), a
 * batch's rows land on nearly every page once the tree outgrows the batch, so each write cost
 * more as the store grew (README, near-duplicate index). The table is rebuilt from the log when
 * the object starts.
 */
export class NearDuplicateBands extends DurableObject<Env> {
  readonly #table = new BandTable();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, rows BLOB NOT NULL)");
    for (const { rows } of sql.exec<{ rows: ArrayBuffer }>("SELECT rows FROM runs")) {
      const pairs = new Int32Array(rows);
      for (let i = 0; i + 1 < pairs.length; i += 2) this.#table.add(pairs[i] as number, pairs[i + 1] as number);
    }
  }

  /** The stored rows under the given band keys, as pairs (key, prefix) in one array. */
  match(keys: Int32Array): Int32Array {
    const out: number[] = [];
    for (const key of keys) for (const prefix of this.#table.prefixes(key)) out.push(key, prefix);
    return new Int32Array(out);
  }

  /**
   * Stores the rows (pairs of key and prefix in one array) not stored yet, and says how many
   * there were; repeating it changes nothing. They are written (in one transaction) before they
   * are remembered, so a failed write leaves the table as it was.
   */
  add(pairs: Int32Array): number {
    if (pairs.length % 2 !== 0) throw new RangeError("band rows come in pairs");
    const seen = new BandTable();
    const fresh: number[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const [key, prefix] = [pairs[i] as number, pairs[i + 1] as number];
      if (!isBandKey(key)) throw new RangeError(`not a band row: ${key}, ${prefix}`);
      if (!this.#table.has(key, prefix) && seen.add(key, prefix)) fresh.push(key, prefix);
    }
    const run = new Int32Array(fresh);
    this.ctx.storage.transactionSync(() => {
      for (let i = 0; i < run.length; i += 2 * ROWS_PER_RUN) {
        this.ctx.storage.sql.exec("INSERT INTO runs (rows) VALUES (?)", run.slice(i, i + 2 * ROWS_PER_RUN).buffer);
      }
    });
    for (let i = 0; i < run.length; i += 2) this.#table.add(run[i] as number, run[i + 1] as number);
    return run.length / 2;
  }
}
