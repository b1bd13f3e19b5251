import type { ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import type { RunTrigger } from "../../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { rateLimitFor } from "../fetch/host-rate-limit.ts";
import { failRun } from "./run-progress.ts";
import { createRun } from "./run-store.ts";

/** Queues accept at most 100 messages per sendBatch call. */
const SEND_BATCH_LIMIT = 100;

export class UnknownSourcesError extends Error {
  constructor(readonly ids: string[]) {
    super(`no configured source has the id ${ids.map((id) => `'${id}'`).join(", ")}`);
    this.name = "UnknownSourcesError";
  }
}

export interface StartRunInput {
  db: D1Database;
  queue: Queue<ScrapeMessage>;
  /** `scraper.sources` as configured. */
  configured: ScraperSource[];
  /** Only these sources, enabled or not (an editor named them); all enabled ones when absent. */
  only?: string[];
  trigger: RunTrigger;
  dueAt?: string | null;
  requestedBy?: string | null;
  /** Supplied by the caller when the run id must be known before (a schedule lease). */
  id?: string;
  now?: Date;
}

/** Sortable by creation time, unique without coordination. */
export function newRunId(now = new Date()): string {
  return `run_${now.getTime().toString(36)}_${crypto.randomUUID().slice(0, 8)}`;
}

export function selectSources(configured: ScraperSource[], only?: string[]): ScraperSource[] {
  if (!only) return configured.filter((s) => s.enabled);
  const byId = new Map(configured.map((s) => [s.id, s]));
  const unknown = only.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new UnknownSourcesError(unknown);
  return [...new Set(only)].map((id) => byId.get(id) as ScraperSource);
}

/**
 * Sources sharing a rate-limited host (OpenTDB: one request per 5 s) are spread out with
 * message delays; the scrape consumer still checks the host's slot before fetching, since
 * runs may overlap.
 */
function delaysFor(sources: ScraperSource[]): number[] {
  const perHost = new Map<string, number>();
  return sources.map((source) => {
    const limit = rateLimitFor(source);
    if (!limit) return 0;
    const nth = perHost.get(limit.host) ?? 0;
    perHost.set(limit.host, nth + 1);
    return Math.ceil((nth * limit.intervalMs) / 1000);
  });
}

/** Records a run and sends one scrape message per selected source. */
export async function startRun(input: StartRunInput): Promise<{ id: string; sources: string[] }> {
  const now = input.now ?? new Date();
  const id = input.id ?? newRunId(now);
  const sources = selectSources(input.configured, input.only);
  await createRun(input.db, {
    id,
    trigger: input.trigger,
    dueAt: input.dueAt ?? null,
    requestedBy: input.requestedBy ?? null,
    sources,
    now: now.toISOString(),
  });
  const delays = delaysFor(sources);
  const messages = sources.map((source, i) => ({
    body: { kind: "scrape", runId: id, source } satisfies ScrapeMessage,
    delaySeconds: delays[i] ?? 0,
  }));
  try {
    for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
      await input.queue.sendBatch(messages.slice(i, i + SEND_BATCH_LIMIT));
    }
  } catch (error) {
    // Sources already sent will still run; the rest would wait forever, so the run says why.
    await failRun(input.db, id, error instanceof Error ? error.message : String(error), new Date().toISOString());
    throw error;
  }
  return { id, sources: sources.map((s) => s.id) };
}
