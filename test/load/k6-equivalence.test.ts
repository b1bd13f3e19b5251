/**
 * The seed's k6 script (test/load/k6-test.js) and `npm run load` must send the same requests:
 * the script runs here against fake `k6` and `k6/http` modules that record what it sends, and
 * is compared with the Node reproduction's scenario (scripts/load/scenario.ts).
 */
import assert from "node:assert/strict";
import { registerHooks } from "node:module";
import { test } from "node:test";
import { ITERATION, SEED_STAGES, SLEEP_S, THRESHOLDS } from "../../scripts/load/scenario.ts";

interface Recorded {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

const BASE_URL = "http://k6.test";
const recorded: Recorded[] = [];
const sleeps: number[] = [];
const checks: string[] = [];

/** k6 sends an object body as an urlencoded form, a string as it is. */
function request(method: string, url: string, body?: unknown): { status: number; timings: { duration: number } } {
  if (body === undefined || body === null) recorded.push({ method, url });
  else if (typeof body === "string") recorded.push({ method, url, body });
  else {
    const form = new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    recorded.push({ method, url, body: form.toString(), contentType: "application/x-www-form-urlencoded" });
  }
  return { status: method === "GET" ? 200 : 201, timings: { duration: 1 } };
}

const fake = {
  request,
  sleep: (s: number) => sleeps.push(s),
  check: (res: unknown, named: Record<string, (r: unknown) => boolean>) => {
    for (const [name, fn] of Object.entries(named)) if (fn(res)) checks.push(name);
  },
};
Object.assign(globalThis, { __k6fake: fake, __ENV: { BASE_URL } });

const MODULES: Record<string, string> = {
  k6: "export const check = (r, c) => globalThis.__k6fake.check(r, c); export const sleep = (s) => globalThis.__k6fake.sleep(s);",
  "k6/http":
    "export default { get: (u, p) => globalThis.__k6fake.request('GET', u), post: (u, b, p) => globalThis.__k6fake.request('POST', u, b) };",
};
registerHooks({
  resolve: (specifier, context, next) =>
    specifier in MODULES ? { url: `k6-fake:${specifier}`, shortCircuit: true } : next(specifier, context),
  load: (url, context, next) =>
    url.startsWith("k6-fake:")
      ? { format: "module", source: MODULES[url.slice("k6-fake:".length)], shortCircuit: true }
      : next(url, context),
});

// A plain k6 script, not a module TypeScript knows: its shape is what this test reads.
const K6_SCRIPT = new URL("./k6-test.js", import.meta.url).href;
const script = (await import(K6_SCRIPT)) as {
  default: () => void;
  options: { stages: { duration: string; target: number }[]; thresholds: Record<string, string[]> };
};

const seconds = (duration: string) => {
  const match = /^(\d+)(s|m)$/.exec(duration);
  assert.ok(match, `duration ${duration}`);
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
};

test("an iteration of the k6 script sends what the Node reproduction sends", () => {
  script.default();
  assert.deepEqual(
    recorded,
    ITERATION.map((req) => ({
      method: req.method,
      url: `${BASE_URL}${req.path}`,
      ...(req.body === undefined ? {} : { body: req.body, contentType: req.headers["content-type"] }),
    })),
  );
  assert.deepEqual(sleeps, [SLEEP_S]);
  assert.equal(checks.length, 4, "every check passes on the expected statuses");
});

test("the stages and thresholds are the seed's, as the reproduction runs them with --full", () => {
  assert.deepEqual(
    script.options.stages.map((s) => ({ durationS: seconds(s.duration), target: s.target })),
    SEED_STAGES,
  );
  assert.deepEqual(script.options.thresholds, {
    http_req_duration: [`p(95)<${THRESHOLDS.p95Ms}`],
    http_req_failed: [`rate<${THRESHOLDS.failedRate}`],
  });
});
