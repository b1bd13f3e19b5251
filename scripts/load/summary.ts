import { percentile, round } from "../bench/load.ts";
import { CHECK_UNDER_MS, type ScenarioRequest, THRESHOLDS } from "./scenario.ts";
import type { Sample, VuRun } from "./virtual-users.ts";

export interface Figures {
  requests: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  avg_ms: number;
  max_ms: number;
  /** k6's http_req_failed: no response, or a status outside 200–399. */
  error_rate: number;
}

export interface LoadFigures extends Figures {
  vus_max: number;
  rps: number;
  seconds: number;
  iterations: number;
  endpoints: Record<string, Figures & { statuses: Record<string, number> }>;
  checks: Record<string, { passes: number; fails: number }>;
  thresholds: Record<string, { limit: string; value: number; ok: boolean }>;
}

const failed = (s: Sample) => s.status < 200 || s.status >= 400;

function figures(samples: Sample[]): Figures {
  const sorted = Float64Array.from(samples.map((s) => s.ms)).sort();
  const sum = sorted.reduce((n, v) => n + v, 0);
  return {
    requests: samples.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    avg_ms: round(samples.length ? sum / samples.length : 0),
    max_ms: round(sorted.at(-1) ?? 0),
    error_rate: round(samples.length ? samples.filter(failed).length / samples.length : 0, 4),
  };
}

/** The run's figures, the seed's checks and its thresholds. */
export function summarize(run: VuRun, iteration: ScenarioRequest[]): LoadFigures {
  const all = figures(run.samples);
  const endpoints: LoadFigures["endpoints"] = {};
  const checks: LoadFigures["checks"] = {};
  for (const req of iteration) {
    const mine = run.samples.filter((s) => s.name === req.name);
    const statuses: Record<string, number> = {};
    for (const s of mine) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    endpoints[req.name] = { ...figures(mine), statuses };
    const expected = mine.filter((s) => s.status === req.expect).length;
    const fast = mine.filter((s) => s.ms < CHECK_UNDER_MS).length;
    checks[`${req.name} status is ${req.expect}`] = { passes: expected, fails: mine.length - expected };
    checks[`${req.name} under ${CHECK_UNDER_MS}ms`] = { passes: fast, fails: mine.length - fast };
  }
  return {
    ...all,
    vus_max: run.vusMax,
    rps: round(run.samples.length / run.seconds, 1),
    seconds: round(run.seconds, 1),
    iterations: run.iterations,
    endpoints,
    checks,
    thresholds: {
      http_req_duration: { limit: `p(95)<${THRESHOLDS.p95Ms}`, value: all.p95_ms, ok: all.p95_ms < THRESHOLDS.p95Ms },
      http_req_failed: {
        limit: `rate<${THRESHOLDS.failedRate}`,
        value: all.error_rate,
        ok: all.error_rate < THRESHOLDS.failedRate,
      },
    },
  };
}

const dots = (label: string, width = 34) => `${label}${".".repeat(Math.max(2, width - label.length))}:`;
const pct = (n: number) => `${round(n * 100, 2)}%`;
const ms = (n: number) => `${round(n, 2)}ms`;

function durationLine(f: Figures): string {
  return `avg=${ms(f.avg_ms)} med=${ms(f.p50_ms)} p(95)=${ms(f.p95_ms)} p(99)=${ms(f.p99_ms)} max=${ms(f.max_ms)}`;
}

/** The end-of-test summary in k6's layout. */
export function formatSummary(f: LoadFigures): string {
  const lines: string[] = [];
  for (const [name, c] of Object.entries(f.checks)) {
    const total = c.passes + c.fails;
    lines.push(`     ${c.fails === 0 ? "✓" : "✗"} ${name}`);
    if (c.fails > 0) lines.push(`      ↳  ${pct(total ? c.passes / total : 0)} — ✓ ${c.passes} / ✗ ${c.fails}`);
  }
  const passes = Object.values(f.checks).reduce((n, c) => n + c.passes, 0);
  const fails = Object.values(f.checks).reduce((n, c) => n + c.fails, 0);
  const mark = (name: string) => (f.thresholds[name]?.ok ? "✓" : "✗");
  lines.push("");
  lines.push(`     ${dots("checks")} ${pct(passes / Math.max(1, passes + fails))} ✓ ${passes} ✗ ${fails}`);
  lines.push(`   ${mark("http_req_duration")} ${dots("http_req_duration")} ${durationLine(f)}`);
  for (const [name, e] of Object.entries(f.endpoints)) {
    lines.push(`       ${dots(`{ ${name} }`, 30)} ${durationLine(e)}`);
  }
  const failedCount = Math.round(f.error_rate * f.requests);
  lines.push(
    `   ${mark("http_req_failed")} ${dots("http_req_failed")} ${pct(f.error_rate)} ✓ ${failedCount} ✗ ${f.requests - failedCount}`,
  );
  lines.push(`     ${dots("http_reqs")} ${f.requests} ${f.rps}/s`);
  lines.push(`     ${dots("iterations")} ${f.iterations}`);
  lines.push(`     ${dots("vus_max")} ${f.vus_max}`);
  lines.push("");
  for (const [name, t] of Object.entries(f.thresholds)) {
    lines.push(`     ${t.ok ? "✓" : "✗"} ${name} ${t.limit} (${t.value})`);
  }
  return lines.join("\n");
}
