import http from "node:http";
import { clientIp, sendRequest } from "../bench/load.ts";
import { type ScenarioRequest, type Stage, targetAt, totalSeconds } from "./scenario.ts";

export interface Sample {
  name: string;
  status: number;
  ms: number;
}

export interface VuRun {
  samples: Sample[];
  iterations: number;
  iterationMs: number[];
  vusMax: number;
  seconds: number;
}

export interface VuOptions {
  base: URL;
  stages: Stage[];
  iteration: ScenarioRequest[];
  sleepS: number;
  /** Called about every 10 s with the time, the running users and the samples so far. */
  progress?: (t: number, vus: number, samples: Sample[]) => void;
}

const TICK_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * k6's ramping-vus executor: the number of virtual users follows the stages (linear ramps,
 * checked every 100 ms); each user loops over the iteration's requests in order, then sleeps.
 * Users above the target stop after their current iteration, as k6's graceful ramp-down does.
 * User `n` always sends `cf-connecting-ip` 10.x.y.n, so per-client limits see one client per user.
 * Requests use the bench's request function over keep-alive connections.
 */
export async function runVirtualUsers(options: VuOptions): Promise<VuRun> {
  const agent = new http.Agent({ keepAlive: true });
  const samples: Sample[] = [];
  const iterationMs: number[] = [];
  const running = new Set<number>();
  const users: Promise<void>[] = [];
  const started = performance.now();
  const total = totalSeconds(options.stages);
  const elapsed = () => (performance.now() - started) / 1000;
  let target = 0;
  let vusMax = 0;

  const user = async (slot: number) => {
    const headers = { "cf-connecting-ip": clientIp(slot + 1), "user-agent": "edge-quiz-load (k6 reproduction)" };
    while (slot < target) {
      const iterationStart = performance.now();
      for (const req of options.iteration) {
        const sent = performance.now();
        const status = await sendRequest(agent, options.base, {
          path: req.path,
          method: req.method,
          headers: { ...headers, ...req.headers },
          body: req.body,
        })
          .then((r) => r.status)
          .catch(() => 0);
        samples.push({ name: req.name, status, ms: performance.now() - sent });
      }
      await sleep(options.sleepS * 1000);
      iterationMs.push(performance.now() - iterationStart);
    }
    running.delete(slot);
  };

  let nextReport = 10;
  for (let t = elapsed(); t < total; t = elapsed()) {
    target = targetAt(options.stages, t);
    for (let slot = 0; slot < target; slot++) {
      if (running.has(slot)) continue;
      running.add(slot);
      users.push(user(slot));
    }
    vusMax = Math.max(vusMax, running.size);
    if (t >= nextReport) {
      options.progress?.(t, running.size, samples);
      nextReport += 10;
    }
    await sleep(TICK_MS);
  }
  target = 0;
  await Promise.all(users);
  agent.destroy();
  return { samples, iterations: iterationMs.length, iterationMs, vusMax, seconds: elapsed() };
}
