import http from "node:http";

export interface LoadResult {
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Responses per status code, so a run that measured errors is told apart. */
  statuses: Record<number, number>;
  /** Wall time of the run. */
  seconds: number;
  /** Every request's latency in ms, sorted. */
  latencies: Float64Array;
}

/** One request of a run: a GET of a path, or any method with headers and a body. */
export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  base: URL;
  /** Request `i`, sent by connection `worker` (0..concurrency-1); a string is a GET of that path. */
  path: (i: number, worker: number) => string | RequestSpec;
  /** Called with each response's status and body (read only when this is given). */
  onResponse?: (i: number, worker: number, status: number, body: string) => void;
  requests: number;
  concurrency: number;
  headers?: Record<string, string>;
  /**
   * Distinct client addresses the requests come from (`cf-connecting-ip`, round robin), as
   * many learners would: the learner rate limit applies per address. Default 5000.
   */
  clients?: number;
}

/** The `n`th distinct client address, as `cf-connecting-ip` would carry it. */
export function clientIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * One request over `agent`; resolves with the status once the whole body has been read (and the
 * body, when `keepBody`). The load generator and the load test's virtual users send with it.
 */
export function sendRequest(
  agent: http.Agent,
  base: URL,
  spec: RequestSpec,
  keepBody = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers =
      spec.body === undefined ? spec.headers : { ...spec.headers, "content-length": Buffer.byteLength(spec.body) };
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path: spec.path, method: spec.method ?? "GET", headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (keepBody) chunks.push(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(spec.body);
  });
}

/**
 * The one load generator every case uses: `concurrency` keep-alive connections, each sending
 * its next request as soon as the previous response has been read in full. Latency is
 * measured per request from send to last byte.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies = new Float64Array(options.requests);
  const statuses: Record<number, number> = {};
  let next = 0;

  const clients = options.clients ?? 5000;
  const send = (spec: RequestSpec, i: number) =>
    sendRequest(
      agent,
      options.base,
      { ...spec, headers: { ...options.headers, ...spec.headers, "cf-connecting-ip": clientIp(i % clients) } },
      options.onResponse !== undefined,
    );

  const worker = async (_: unknown, w: number) => {
    for (let i = next++; i < options.requests; i = next++) {
      const request = options.path(i, w);
      const started = performance.now();
      const { status, body } = await send(typeof request === "string" ? { path: request } : request, i);
      latencies[i] = performance.now() - started;
      statuses[status] = (statuses[status] ?? 0) + 1;
      options.onResponse?.(i, w, status, body);
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize([{ requests: options.requests, seconds, latencies, statuses }]);
}

/**
 * One result from several runs of a case (interleaved with other cases, so a machine whose
 * load changes during the benchmark weighs on every case alike): requests over total time,
 * percentiles over every request.
 */
export function combine(runs: LoadResult[]): LoadResult {
  return summarize(runs);
}

function summarize(
  runs: { requests: number; seconds: number; latencies: Float64Array; statuses: Record<number, number> }[],
): LoadResult {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const latencies = new Float64Array(requests);
  const statuses: Record<number, number> = {};
  let offset = 0;
  for (const run of runs) {
    latencies.set(run.latencies, offset);
    offset += run.latencies.length;
    for (const [status, n] of Object.entries(run.statuses))
      statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n;
  }
  latencies.sort();
  return {
    requests,
    rps: Math.round(requests / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    statuses,
    seconds,
    latencies,
  };
}
