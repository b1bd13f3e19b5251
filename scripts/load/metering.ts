import { BILLABLE_OPS, type BillableOp, type Tally } from "../../src/metering/billable-ops.ts";
import { clientIp, percentile, round } from "../bench/load.ts";
import type { EmbeddedOrigin } from "../lib/embedded-origin.ts";

export interface MeteredRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request type of the metering pass: how to make its `i`th request, and what to do with the answer. */
export interface MeteredType {
  name: string;
  samples: number;
  request: (i: number, setup: Setup) => MeteredRequest | Promise<MeteredRequest>;
  onResponse?: (status: number, body: unknown) => void;
}

/** Unmetered requests a type needs first (a session to answer in); their work settles before the metered one. */
export type Setup = (request: MeteredRequest) => Promise<{ status: number; body: unknown }>;

export type PerRequest = Record<BillableOp | "origin_queries", number>;

export interface MeteringResult {
  requests: number;
  statuses: Record<string, number>;
  /** Median latency of one request alone (no other load), for telling cost from contention. */
  alone_p50_ms: number;
  /** Average billable operations of one request of this type. */
  per_request: PerRequest;
}

const TYPE_HEADER = "x-metering-type";

/**
 * Sends each type's requests one at a time to the metered Worker (workers/metered.ts), so
 * every operation (with its `waitUntil` work and Durable Object storage) is attributed to the
 * type that caused it, then reads the tallies. Origin queries are counted where they arrive,
 * at the embedded origin. `warmup` runs first, unmetered: a long-running isolate's caches.
 */
export async function meterTypes(
  base: URL,
  origin: EmbeddedOrigin,
  types: MeteredType[],
  warmup: () => Promise<void>,
): Promise<Record<string, MeteringResult>> {
  const tallies = async () => {
    const res = await fetch(new URL("/__metering", base));
    return (await res.json()) as Record<string, { requests: number; ops: Tally }>;
  };
  const send = async (type: string, request: MeteredRequest, i: number) => {
    const res = await fetch(new URL(request.path, base), {
      method: request.method ?? "GET",
      headers: { "cf-connecting-ip": clientIp(50_000 + i), ...request.headers, [TYPE_HEADER]: type },
      body: request.body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  await warmup();
  let setups = 0;
  const setup: Setup = async (request) => {
    const answer = await send("setup", request, setups++);
    await tallies();
    return answer;
  };

  const out: Record<string, MeteringResult> = {};
  for (const type of types) {
    await fetch(new URL("/__metering", base), { method: "DELETE" });
    let originQueries = 0;
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    for (let i = 0; i < type.samples; i++) {
      const request = await type.request(i, setup);
      const before = origin.queries();
      const sent = performance.now();
      const { status, body } = await send(type.name, request, i);
      latencies.push(performance.now() - sent);
      await tallies();
      originQueries += origin.queries() - before;
      statuses[status] = (statuses[status] ?? 0) + 1;
      type.onResponse?.(status, body);
    }
    const tally = (await tallies())[type.name];
    const requests = tally?.requests ?? 0;
    const per = (n: number) => (requests ? round(n / requests, 3) : 0);
    const perRequest = Object.fromEntries(BILLABLE_OPS.map((op) => [op, per(tally?.ops[op] ?? 0)])) as PerRequest;
    perRequest.origin_queries = per(originQueries);
    const sorted = Float64Array.from(latencies).sort();
    out[type.name] = { requests, statuses, alone_p50_ms: round(percentile(sorted, 50)), per_request: perRequest };
  }
  return out;
}
