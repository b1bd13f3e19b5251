/**
 * `npm run cost`: what the platform costs per month for a learner profile, from the billable
 * operations `npm run load` metered per request type (test/bench/results.json → load.billable)
 * and the dated price list in src/metering/prices.ts.
 *
 *   npm run cost                                   # 30 answers a day, 25 days a month
 *   npm run cost -- --answers 50 --days 20 --length 10 --topics 1
 *   npm run cost -- --cpu-ms 3 --do-ms 20           # the two assumptions workerd cannot meter
 *   npm run cost -- --markdown                     # the README table
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  type Bill,
  DEFAULT_ASSUMPTIONS,
  DEFAULT_PROFILE,
  dailyRequests,
  type LearnerProfile,
  monthlyBill,
  type OpsPerRequest,
} from "../../src/metering/cost-model.ts";
import { PRICES } from "../../src/metering/prices.ts";
import { PROFILE_TYPES } from "../load/learner-profile.ts";

const RESULTS = new URL("../../test/bench/results.json", import.meta.url).pathname;
const LEARNERS = [10_000, 200_000, 1_000_000];
/** Seed 004's figure, for comparison. */
const SEED_PER_LEARNER = 0.028;

const { values: args } = parseArgs({
  options: {
    answers: { type: "string", default: String(DEFAULT_PROFILE.answersPerDay) },
    days: { type: "string", default: String(DEFAULT_PROFILE.daysPerMonth) },
    length: { type: "string", default: String(DEFAULT_PROFILE.sessionLength) },
    topics: { type: "string", default: "1" },
    "cpu-ms": { type: "string", default: String(DEFAULT_ASSUMPTIONS.cpuMsPerRequest) },
    "do-ms": { type: "string", default: String(DEFAULT_ASSUMPTIONS.doActiveMsPerRequest) },
    markdown: { type: "boolean", default: false },
  },
});

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number, not '${raw}'`);
  return n;
}

const profile: LearnerProfile = {
  answersPerDay: positive("answers", args.answers),
  daysPerMonth: positive("days", args.days),
  sessionLength: positive("length", args.length),
  dailyExtras: { [PROFILE_TYPES.categories]: Number(args.topics) },
};
const assumptions = {
  cpuMsPerRequest: positive("cpu-ms", args["cpu-ms"]),
  doActiveMsPerRequest: positive("do-ms", args["do-ms"]),
};

const results = JSON.parse(await readFile(RESULTS, "utf8")) as {
  load?: { measuredAt?: string; billable?: Record<string, { per_request: OpsPerRequest }> };
};
const billable = results.load?.billable;
if (!billable) throw new Error("no metered operations in test/bench/results.json: run `npm run load` first");
const ops = Object.fromEntries(Object.entries(billable).map(([type, m]) => [type, m.per_request]));
const perDay = dailyRequests(profile, PROFILE_TYPES);
const missing = Object.keys(perDay).filter((type) => !(type in ops));
if (missing.length > 0) throw new Error(`not metered: ${missing.join(", ")}; run \`npm run load\` again`);

const bills = LEARNERS.map((n) => monthlyBill(n, perDay, ops, profile, assumptions));
const usd = (n: number) =>
  n === 0 ? "$0" : n >= 100 ? `$${n.toFixed(0)}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;
const k = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}K`);

function markdown(list: Bill[]): string {
  const head = `| service | ${list.map((b) => `${k(b.learners)} learners`).join(" | ")} |`;
  const rule = `| --- | ${list.map(() => "---:").join(" | ")} |`;
  const rows = (list[0]?.lines ?? []).map(
    (line, i) => `| ${line.service} | ${list.map((b) => usd(b.lines[i]?.monthly ?? 0)).join(" | ")} |`,
  );
  const total = `| **total per month** | ${list.map((b) => `**${usd(b.total)}**`).join(" | ")} |`;
  const per = `| **per learner per month** | ${list.map((b) => `**${usd(b.perLearner)}**`).join(" | ")} |`;
  const seed = `| seed 004's figure per learner | ${list.map(() => usd(SEED_PER_LEARNER)).join(" | ")} |`;
  const seedTotal = `| seed 004's figure per month | ${list.map((b) => usd(SEED_PER_LEARNER * b.learners)).join(" | ")} |`;
  return [head, rule, ...rows, total, per, seed, seedTotal].join("\n");
}

function text(list: Bill[]): string {
  const out: string[] = [];
  for (const bill of list) {
    out.push(`\n${k(bill.learners)} daily learners`);
    for (const line of bill.lines) {
      if (line.monthly === 0 && !line.usage.match(/[1-9]/)) continue;
      out.push(`  ${line.service.padEnd(36)} ${usd(line.monthly).padStart(10)}   ${line.usage}`);
    }
    out.push(`  ${"total per month".padEnd(36)} ${usd(bill.total).padStart(10)}`);
    out.push(
      `  ${"per learner per month".padEnd(36)} ${usd(bill.perLearner).padStart(10)}   (seed 004: ${usd(SEED_PER_LEARNER)})`,
    );
  }
  return out.join("\n");
}

console.log(
  `profile: ${profile.answersPerDay} answers a day in sessions of ${profile.sessionLength}, ${profile.daysPerMonth} days a month, ${args.topics} topic list a day`,
);
console.log(
  `a learner's day: ${Object.entries(perDay)
    .map(([t, n]) => `${n} × ${t}`)
    .join(", ")}`,
);
console.log(
  `assumed (not metered in workerd): ${assumptions.cpuMsPerRequest} ms CPU per Worker request, ${assumptions.doActiveMsPerRequest} ms active per Durable Object request`,
);
console.log(`operations metered ${results.load?.measuredAt ?? "(date unknown)"}; prices as of ${PRICES.asOf}`);
console.log(args.markdown ? `\n${markdown(bills)}` : text(bills));

const cost = {
  profile,
  assumptions,
  pricesAsOf: PRICES.asOf,
  bills: bills.map((b) => ({
    learners: b.learners,
    total: Math.round(b.total * 100) / 100,
    per_learner: Math.round(b.perLearner * 10_000) / 10_000,
    lines: Object.fromEntries(b.lines.map((l) => [l.service, Math.round(l.monthly * 100) / 100])),
  })),
};
await writeFile(RESULTS, `${JSON.stringify({ ...results, cost }, null, 2)}\n`);
