/**
 * The seed's k6 scenario (test/load/k6-test.js) as data for the Node reproduction: what a
 * virtual user sends on each iteration, the stages and the thresholds.
 */

export interface ScenarioRequest {
  /** The request type, as results and metering name it. */
  name: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status the seed's check expects. */
  expect: number;
}

/** What k6 sends for `http.post(url, { topic: "math", difficulty: 3 })`: a form body. */
export const SESSION_FORM = new URLSearchParams({ topic: "math", difficulty: "3" }).toString();

export const ITERATION: ScenarioRequest[] = [
  { name: "GET /api/questions/random", method: "GET", path: "/api/questions/random", headers: {}, expect: 200 },
  {
    name: "POST /api/sessions/start",
    method: "POST",
    path: "/api/sessions/start",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: SESSION_FORM,
    expect: 201,
  },
];

/** The pause at the end of each iteration (k6 `sleep(1)`). */
export const SLEEP_S = 1;

/** The seed's check: the share of responses faster than this. */
export const CHECK_UNDER_MS = 200;

export interface Stage {
  durationS: number;
  target: number;
}

/** The seed's stages: 16 minutes. */
export const SEED_STAGES: Stage[] = [
  { durationS: 120, target: 100 },
  { durationS: 300, target: 100 },
  { durationS: 120, target: 200 },
  { durationS: 300, target: 200 },
  { durationS: 120, target: 0 },
];

/** The default run: the same shape in a sixth of the time (2 min 40 s). */
export const SCALE_DEFAULT = 1 / 6;

export function scaledStages(scale: number): Stage[] {
  return SEED_STAGES.map((s) => ({ durationS: Math.max(1, Math.round(s.durationS * scale)), target: s.target }));
}

export const THRESHOLDS = {
  /** http_req_duration p(95) < 500 */
  p95Ms: 500,
  /** http_req_failed rate < 0.1 */
  failedRate: 0.1,
} as const;

/** The number of virtual users the stages want `t` seconds in (linear ramps, as k6's ramping-vus). */
export function targetAt(stages: Stage[], t: number): number {
  let start = 0;
  let from = 0;
  for (const stage of stages) {
    if (t < start + stage.durationS) return Math.round(from + ((stage.target - from) * (t - start)) / stage.durationS);
    start += stage.durationS;
    from = stage.target;
  }
  return 0;
}

export function totalSeconds(stages: Stage[]): number {
  return stages.reduce((n, s) => n + s.durationS, 0);
}
