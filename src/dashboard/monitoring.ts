import { z } from "zod";
import { SyntheticRunList } from "../../schemas/synthetic-run.ts";
import { type ApiCall, type Probe, probe } from "../http/api-probe.ts";

// The monitoring panel reads other modules' admin endpoints through the Worker itself (with the
// signed-in admin's token), not their code.

const Counters = z.object({
  hits: z.number(),
  misses: z.number(),
  staleServed: z.number().optional(),
  errors: z.number().optional(),
});

export const CacheStatsView = z.object({
  sources: z.record(z.string(), Counters),
  originQueries: z.number().optional(),
  coalesced: z.number().optional(),
  negativeHits: z.number().optional(),
  revalidations: z.number().optional(),
  since: z.string().optional(),
  scope: z.string().optional(),
  memory: z.object({ entries: z.number(), capacity: z.number() }).optional(),
});
export type CacheStatsView = z.infer<typeof CacheStatsView>;

export const RunListView = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      trigger: z.string().optional(),
      createdAt: z.string().optional(),
      finishedAt: z.string().nullable().optional(),
      totals: z.record(z.string(), z.unknown()).optional(),
      deadLetters: z.array(z.unknown()).optional(),
    }),
  ),
});
export type RunListView = z.infer<typeof RunListView>;

export const QuestionHealthView = z.object({
  summary: z.object({ questions: z.number(), answers: z.number(), flagged: z.number() }),
});
export type QuestionHealthView = z.infer<typeof QuestionHealthView>;

export const AnswerDeadLettersView = z.object({ total: z.number(), pending: z.number() });
export type AnswerDeadLettersView = z.infer<typeof AnswerDeadLettersView>;

export interface MonitoringData {
  cache: Probe<CacheStatsView>;
  runs: Probe<RunListView>;
  health: Probe<QuestionHealthView>;
  answerDeadLetters: Probe<AnswerDeadLettersView>;
  synthetic: Probe<SyntheticRunList>;
  config: { revision: number; source: string };
}

export const CACHE_STATS_PATH = "/api/admin/cache/stats";
export const CACHE_PURGE_PATH = "/api/admin/cache/purge";
export const SCRAPER_RUNS_PATH = "/api/admin/scraper/runs?limit=5";
export const QUESTION_HEALTH_PATH = "/api/admin/analytics/questions?flagged=true&limit=1";
export const ANSWER_DEAD_LETTERS_PATH = "/api/admin/answers/dead-letters?limit=1";
export const SYNTHETIC_RUNS_PATH = "/api/admin/monitoring/synthetic?limit=6";

export async function loadMonitoring(call: ApiCall, config: MonitoringData["config"]): Promise<MonitoringData> {
  const [cache, runs, health, answerDeadLetters, synthetic] = await Promise.all([
    probe(call, CACHE_STATS_PATH, CacheStatsView),
    probe(call, SCRAPER_RUNS_PATH, RunListView),
    probe(call, QUESTION_HEALTH_PATH, QuestionHealthView),
    probe(call, ANSWER_DEAD_LETTERS_PATH, AnswerDeadLettersView),
    probe(call, SYNTHETIC_RUNS_PATH, SyntheticRunList),
  ]);
  return { cache, runs, health, answerDeadLetters, synthetic, config };
}

/** hits / (hits + misses) as a percentage, or null before the first lookup. */
export function hitRate(counters: { hits: number; misses: number }): number | null {
  const total = counters.hits + counters.misses;
  return total === 0 ? null : (counters.hits / total) * 100;
}
