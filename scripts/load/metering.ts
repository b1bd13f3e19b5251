import http from "node:http";
import { BILLABLE_OPS, type BillableOp, type Tally } from "../../src/metering/billable-ops.ts";
import { clientIp, type RequestSpec, round, sendRequest } from "../bench/load.ts";
import type { EmbeddedOrigin } from "../lib/embedded-origin.ts";

/** One request type of the metering pass: its name and how to make its `i`th request. */
export interface MeteredType {
  name: string;
  request: (i: number) => RequestSpec | Promise<RequestSpec>;
  /** Statuses that count as the request having done its work. */
  expect: number[];
}

export type PerRequest = Record<BillableOp | "origin_queries", number>;

export interface MeteringResult {
  requests: number;
  statuses: Record<string, number>;
  /** Average billable operations of one request of this type. */
  per_request: PerRequest;
}

/**
 * Sends each type's requests one at a time to the metered Worker (workers/metered.ts), so
 * every operation is attributed to the type that caused it, then reads its tallies. Origin
 * queries are counted where they arrive, at the embedded origin.
 */
export async function meterTypes(
  base: URL,
  origin: EmbeddedOrigin,
  types: MeteredType[],
  samples: number,
): Promise<Record<string, MeteringResult>> {
  const agent = new http.Agent({ keepAlive: true });
  const report = async () =>
    (await (await fetch(new URL("/__metering", base))).json()) as Record<string, { requests: number; ops: Tally }>;
  await fetch(new URL("/__metering", base), { method: "DELETE" });
  const out: Record<string, MeteringResult> = {};
  for (const type of types) {
    const before = origin.queries();
    const statuses: Record<string, number> = {};
    for (let i = 0; i < samples; i++) {
      const spec = await type.request(i);
      const status = await sendRequest(agent, base, {
        ...spec,
        headers: { "cf-connecting-ip": clientIp(50_000 + i), ...spec.headers, "x-metering-type": type.name },
      });
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const tallies = await report();
    const tally = tallies[type.name];
    const originQueries = origin.queries() - before;
    const requests = tally?.requests ?? 0;
    const per = (n: number) => (requests ? round(n / requests, 3) : 0);
    const perRequest = Object.fromEntries(BILLABLE_OPS.map((op) => [op, per(tally?.ops[op] ?? 0)])) as PerRequest;
    perRequest.origin_queries = per(originQueries);
    out[type.name] = { requests, statuses, per_request: perRequest };
  }
  agent.destroy();
  return out;
}
