/**
 * Billable operations as Cloudflare and Upstash count them, tallied per request type. Used by
 * the load test's metered entry (workers/metered.ts), never by the production Worker.
 */
export const BILLABLE_OPS = [
  "worker_requests",
  "kv_reads",
  "kv_writes",
  "kv_deletes",
  "kv_lists",
  "d1_queries",
  "d1_rows_read",
  "d1_rows_written",
  "do_requests",
  "do_rows_read",
  "do_rows_written",
  "queue_messages",
  "r2_class_a",
  "r2_class_b",
  "redis_commands",
] as const;
export type BillableOp = (typeof BILLABLE_OPS)[number];
export type Tally = Record<BillableOp, number>;

export function emptyTally(): Tally {
  return Object.fromEntries(BILLABLE_OPS.map((op) => [op, 0])) as Tally;
}

/** Counts that are only known once a result has been read to its end (SQLite cursors). */
type Deferred = () => Partial<Tally>;

interface TypeTally {
  requests: number;
  ops: Tally;
  deferred: Deferred[];
}

/**
 * Operations are attributed to the request type in `current`. The load test sends one request
 * at a time while metering, so everything that happens (the response, its `waitUntil` work, the
 * Durable Object calls it makes and their storage) belongs to the request type it set.
 */
export class BillableMeter {
  readonly #types = new Map<string, TypeTally>();
  #current: TypeTally;
  readonly #pending = new Set<Promise<unknown>>();

  constructor() {
    this.#current = this.#tally("other");
  }

  #tally(type: string): TypeTally {
    let tally = this.#types.get(type);
    if (!tally) {
      tally = { requests: 0, ops: emptyTally(), deferred: [] };
      this.#types.set(type, tally);
    }
    return tally;
  }

  /** A request of `type` arrives; what follows counts for it. */
  begin(type: string): void {
    this.#current = this.#tally(type);
    this.#current.requests += 1;
    this.#current.ops.worker_requests += 1;
  }

  add(op: BillableOp, n = 1): void {
    this.#current.ops[op] += n;
  }

  /** Adds counts read later, when the result they come from has been consumed. */
  defer(read: Deferred): void {
    this.#current.deferred.push(read);
  }

  /** Work that outlives the response (`waitUntil`), waited for before a report. */
  track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }

  /** Every type's request count and operation totals, once pending work has settled. */
  async report(): Promise<Record<string, { requests: number; ops: Tally }>> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    const out: Record<string, { requests: number; ops: Tally }> = {};
    for (const [type, tally] of this.#types) {
      const ops = { ...tally.ops };
      for (const read of tally.deferred) {
        for (const [op, n] of Object.entries(read())) ops[op as BillableOp] += n ?? 0;
      }
      if (tally.requests > 0 || Object.values(ops).some((n) => n > 0)) out[type] = { requests: tally.requests, ops };
    }
    return out;
  }

  reset(): void {
    this.#types.clear();
    this.#current = this.#tally("other");
  }
}
