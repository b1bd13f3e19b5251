/**
 * Published list prices of the services the platform runs on, in US dollars, as of the date
 * below. There is no internet access where this was written: the figures are those the pages
 * below gave as of that date, not re-checked on the day of writing. Update them (and `asOf`)
 * from those pages before quoting a bill.
 */
export const PRICES = {
  asOf: "2025-06-30",
  checkedOn: "2026-12-01 (not re-checked: no internet access; prices as known on asOf)",
  workers: {
    source: "https://developers.cloudflare.com/workers/platform/pricing/",
    /** Workers Paid: the monthly minimum, which includes the allowances below. */
    baseMonthly: 5,
    requests: { included: 10_000_000, perMillion: 0.3 },
    cpuMs: { included: 30_000_000, perMillion: 0.02 },
  },
  kv: {
    source: "https://developers.cloudflare.com/kv/platform/pricing/",
    reads: { included: 10_000_000, perMillion: 0.5 },
    writes: { included: 1_000_000, perMillion: 5 },
    deletes: { included: 1_000_000, perMillion: 5 },
    lists: { included: 1_000_000, perMillion: 5 },
  },
  d1: {
    source: "https://developers.cloudflare.com/d1/platform/pricing/",
    rowsRead: { included: 25_000_000_000, perMillion: 0.001 },
    rowsWritten: { included: 50_000_000, perMillion: 1 },
  },
  durableObjects: {
    source: "https://developers.cloudflare.com/durable-objects/platform/pricing/",
    requests: { included: 1_000_000, perMillion: 0.15 },
    /** Wall-clock duration while active, at 128 MB per object. */
    gbSeconds: { included: 400_000, perMillion: 12.5 },
    /** SQLite-backed storage. */
    rowsRead: { included: 25_000_000_000, perMillion: 0.001 },
    rowsWritten: { included: 50_000_000, perMillion: 1 },
    memoryGb: 0.125,
  },
  queues: {
    source: "https://developers.cloudflare.com/queues/platform/pricing/",
    /** A message up to 64 KB is three operations: write, read, delete. */
    operations: { included: 1_000_000, perMillion: 0.4 },
    operationsPerMessage: 3,
  },
  r2: {
    source: "https://developers.cloudflare.com/r2/pricing/",
    classA: { included: 1_000_000, perMillion: 4.5 },
    classB: { included: 10_000_000, perMillion: 0.36 },
  },
  hyperdrive: {
    source: "https://developers.cloudflare.com/hyperdrive/platform/pricing/",
    /** Included with Workers Paid: no charge per query. */
    perMillionQueries: 0,
  },
  upstashRedis: {
    source: "https://upstash.com/pricing/redis",
    /**
     * Re-checked 2026-12-01 against two transcriptions of that page (no internet here to open it):
     * https://docs.flexprice.io/cookbooks/pricing-teardowns/upstash-pricing.md (captured 2026-11-09)
     * and https://raw.githubusercontent.com/api-evangelist/upstash/refs/heads/main/plans/upstash-plans-pricing.yml
     * (2026-09-20). Pay as you go: $0.20 per 100K commands, storage's first GB and 200 GB a month
     * of bandwidth free. The free plan's 500K commands a month is a separate plan, not an allowance
     * of pay as you go, so nothing is included here. Every command the Worker sends counts: each of
     * a pipeline or transaction, and a script (EVAL/EVALSHA) as one.
     */
    commands: { included: 0, perMillion: 2 },
  },
} as const;

export type Allowance = { included: number; perMillion: number };

/** The charge for `used` units of a metered allowance in one month. */
export function charge(used: number, allowance: Allowance): number {
  return (Math.max(0, used - allowance.included) / 1_000_000) * allowance.perMillion;
}
