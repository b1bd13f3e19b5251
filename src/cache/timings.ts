import type { SourceName } from "./stats.ts";

/** Milliseconds spent per source during one request, for the `Server-Timing` header. */
export type Timings = Partial<Record<SourceName | "coalesced", number>>;

export function addTiming(timings: Timings, name: keyof Timings, ms: number): void {
  timings[name] = (timings[name] ?? 0) + ms;
}

/** Runs `work` and adds its wall time to `name`, whether it succeeds or throws. */
export async function timed<R>(timings: Timings, name: keyof Timings, work: () => Promise<R>): Promise<R> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    addTiming(timings, name, performance.now() - started);
  }
}

export function mergeTimings(into: Timings, from: Timings): void {
  for (const [name, ms] of Object.entries(from) as [keyof Timings, number][]) addTiming(into, name, ms);
}

/**
 * `Server-Timing` entries, one per source touched, e.g. `memory;dur=0, kv;dur=1.8`. Workers
 * clocks advance only across I/O, so in-memory work reads as 0.
 */
export function serverTimingHeader(timings: Timings, totalMs?: number): string {
  const entries = Object.entries(timings).map(([name, ms]) => `${name.toLowerCase()};dur=${round(ms)}`);
  if (totalMs !== undefined) entries.push(`total;dur=${round(totalMs)}`);
  return entries.join(", ");
}

function round(ms: number): string {
  return (Math.round(ms * 100) / 100).toString();
}
