import type { BillableOp } from "./billable-ops.ts";
import { type Allowance, charge, PRICES } from "./prices.ts";

/** Billable operations of one request of a type, as metered by `npm run load` (plus origin queries). */
export type OpsPerRequest = Partial<Record<BillableOp | "origin_queries", number>>;

export interface LearnerProfile {
  answersPerDay: number;
  daysPerMonth: number;
  /** Answers per quiz session. */
  sessionLength: number;
  /** Other requests a learner makes per day (topics, stats, leaderboard…), by request type. */
  dailyExtras: Record<string, number>;
}

/** Assumptions for what the load test cannot meter in workerd; stated beside every bill. */
export interface Assumptions {
  /** CPU time per Worker request. */
  cpuMsPerRequest: number;
  /** Wall time a Durable Object is active per request it serves. */
  doActiveMsPerRequest: number;
}

export const DEFAULT_PROFILE: LearnerProfile = {
  answersPerDay: 30,
  daysPerMonth: 25,
  sessionLength: 10,
  dailyExtras: {},
};

export const DEFAULT_ASSUMPTIONS: Assumptions = { cpuMsPerRequest: 2, doActiveMsPerRequest: 10 };

/** The request types of one learner's day and how many of each, from the profile. */
export function dailyRequests(profile: LearnerProfile, types: { start: string; answer: string; finish: string }) {
  const sessions = profile.answersPerDay / profile.sessionLength;
  return {
    [types.start]: sessions,
    [types.answer]: profile.answersPerDay,
    [types.finish]: sessions,
    ...profile.dailyExtras,
  };
}

export interface ServiceLine {
  service: string;
  /** What is billed, with the monthly volume. */
  usage: string;
  monthly: number;
}

export interface Bill {
  learners: number;
  lines: ServiceLine[];
  total: number;
  perLearner: number;
}

const M = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : `${Math.round(n)}`;

/**
 * The monthly bill for `learners` daily learners following `perDay` (requests per learner per
 * day by type), with the operations each type was metered at. Allowances included in a plan
 * are subtracted once for the whole platform.
 */
export function monthlyBill(
  learners: number,
  perDay: Record<string, number>,
  ops: Record<string, OpsPerRequest>,
  profile: Pick<LearnerProfile, "daysPerMonth">,
  assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
): Bill {
  const volume = (op: BillableOp | "origin_queries") =>
    Object.entries(perDay).reduce((n, [type, count]) => n + count * (ops[type]?.[op] ?? 0), 0) *
    learners *
    profile.daysPerMonth;
  const p = PRICES;
  const line = (service: string, label: string, used: number, allowance: Allowance): ServiceLine => ({
    service,
    usage: `${label} ${M(used)}`,
    monthly: charge(used, allowance),
  });
  const requests = volume("worker_requests");
  const doRequests = volume("do_requests");
  const gbSeconds = doRequests * (assumptions.doActiveMsPerRequest / 1000) * p.durableObjects.memoryGb;
  const lines: ServiceLine[] = [
    { service: "Workers Paid plan", usage: "monthly minimum", monthly: p.workers.baseMonthly },
    line("Workers requests", "requests", requests, p.workers.requests),
    line(
      "Workers CPU (assumed)",
      `CPU ms at ${assumptions.cpuMsPerRequest} ms/request:`,
      requests * assumptions.cpuMsPerRequest,
      p.workers.cpuMs,
    ),
    line("KV reads", "reads", volume("kv_reads"), p.kv.reads),
    line("KV writes", "writes", volume("kv_writes"), p.kv.writes),
    line("KV deletes and lists", "operations", volume("kv_deletes") + volume("kv_lists"), p.kv.deletes),
    line("D1 rows read", "rows", volume("d1_rows_read"), p.d1.rowsRead),
    line("D1 rows written", "rows", volume("d1_rows_written"), p.d1.rowsWritten),
    line("Durable Objects requests", "requests", doRequests, p.durableObjects.requests),
    line(
      "Durable Objects duration (assumed)",
      `GB-s at ${assumptions.doActiveMsPerRequest} ms/request:`,
      gbSeconds,
      p.durableObjects.gbSeconds,
    ),
    line("Durable Objects rows read", "rows", volume("do_rows_read"), p.durableObjects.rowsRead),
    line("Durable Objects rows written", "rows", volume("do_rows_written"), p.durableObjects.rowsWritten),
    line("Queues", "operations", volume("queue_messages") * p.queues.operationsPerMessage, p.queues.operations),
    line("R2 class A", "operations", volume("r2_class_a"), p.r2.classA),
    line("R2 class B", "operations", volume("r2_class_b"), p.r2.classB),
    { service: "Hyperdrive (origin queries)", usage: `queries ${M(volume("origin_queries"))}`, monthly: 0 },
    line("Upstash Redis", "commands", volume("redis_commands"), p.upstashRedis.commands),
  ];
  const total = lines.reduce((n, l) => n + l.monthly, 0);
  return { learners, lines, total, perLearner: total / learners };
}
