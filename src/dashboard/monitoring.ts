import type { QuestionHealthList } from "../../schemas/analytics-api.ts";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import { questionHealthReport } from "../analytics/question-health-report.ts";
import { listAnswerDeadLetters } from "../answer-stream/dead-letter-store.ts";
import { signInTotals } from "../auth/sign-in-guard.ts";
import type { GuardTotals } from "../auth/sign-in-guard-object.ts";
import { type CacheStats, cacheStats } from "../cache/stats.ts";
import { isolateMemoryUsage } from "../cache/tiered-cache.ts";
import { listRuns as listSyntheticRuns } from "../monitoring/synthetic-store.ts";
import type { OriginConnection } from "../origin/client.ts";
import { listRuns as listScrapeRuns } from "../pipeline/runs/run-store.ts";

/** One figure of the panel: the service's result, or why it could not be read. */
export type Panel<T> = { state: "ok"; data: T } | { state: "failed"; detail: string };

export interface MonitoringData {
  /** This isolate's cache counters (the dashboard runs in an isolate like any other). */
  cache: Panel<CacheStats & { memory: ReturnType<typeof isolateMemoryUsage> }>;
  runs: Panel<ScrapeRun[]>;
  health: Panel<QuestionHealthList["summary"]>;
  answerDeadLetters: Panel<{ total: number; pending: number }>;
  synthetic: Panel<SyntheticRun[]>;
  signIns: Panel<GuardTotals>;
  config: { revision: number; source: string };
}

export interface MonitoringSources {
  env: Pick<Env, "DB" | "SIGN_IN_GUARD">;
  origin: () => OriginConnection;
}

async function read<T>(what: string, load: () => Promise<T>): Promise<Panel<T>> {
  try {
    return { state: "ok", data: await load() };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    console.warn(`dashboard: ${what} could not be read;`, detail);
    return { state: "failed", detail };
  }
}

/** Reads every figure of the panel from its module's services, in parallel; one failing leaves the others. */
export async function loadMonitoring(
  { env, origin }: MonitoringSources,
  config: MonitoringData["config"],
): Promise<MonitoringData> {
  const [cache, runs, health, answerDeadLetters, synthetic, signIns] = await Promise.all([
    read("cache stats", async () => ({ ...cacheStats(), memory: isolateMemoryUsage() })),
    read("scraper runs", () => listScrapeRuns(env.DB, 5)),
    read("question health", async () => (await questionHealthReport(origin(), { flagged: true, limit: 1 })).summary),
    read("answer dead letters", async () => {
      const { total, pending } = await listAnswerDeadLetters(env.DB, 1);
      return { total, pending };
    }),
    read("synthetic runs", () => listSyntheticRuns(env.DB, 6)),
    read("sign-in totals", () => signInTotals(env.SIGN_IN_GUARD)),
  ]);
  return { cache, runs, health, answerDeadLetters, synthetic, signIns, config };
}

/** hits / (hits + misses) as a percentage, or null before the first lookup. */
export function hitRate(counters: { hits: number; misses: number }): number | null {
  const total = counters.hits + counters.misses;
  return total === 0 ? null : (counters.hits / total) * 100;
}
