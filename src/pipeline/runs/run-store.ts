import { desc, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { deadLetters, scrapeRunSources, scrapeRuns } from "../../../schemas/d1-pipeline-tables.ts";
import {
  COUNT_NAMES,
  type DeadLetter,
  type RunSource,
  type RunTrigger,
  type ScrapeRun,
  zeroCounts,
} from "../../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";

type RunRow = typeof scrapeRuns.$inferSelect;
type SourceRow = typeof scrapeRunSources.$inferSelect;
type DeadLetterRow = typeof deadLetters.$inferSelect;

/** Errors shown per run in the totals; each source keeps its own (capped) list. */
const TOTAL_ERRORS_SHOWN = 200;

export interface NewRun {
  id: string;
  trigger: RunTrigger;
  dueAt: string | null;
  requestedBy: string | null;
  sources: Pick<ScraperSource, "id" | "url" | "format">[];
  now: string;
}

const SOURCE_ROWS_PER_INSERT = 5;

/**
 * Records a run and one row per source in one D1 batch. A run without sources has nothing
 * to wait for and is completed at once.
 */
export async function createRun(db: D1Database, run: NewRun): Promise<void> {
  const client = drizzle(db);
  const empty = run.sources.length === 0;
  const insertRun = client.insert(scrapeRuns).values({
    id: run.id,
    trigger: run.trigger,
    dueAt: run.dueAt,
    requestedBy: run.requestedBy,
    status: empty ? "completed" : "queued",
    createdAt: run.now,
    finishedAt: empty ? run.now : null,
  });
  if (empty) {
    await insertRun;
    return;
  }
  const rows = run.sources.map((s) => ({
    runId: run.id,
    sourceId: s.id,
    url: s.url,
    format: s.format,
    status: "queued" as const,
  }));
  // D1 binds at most 100 values a statement and drizzle binds every column of a row, so the
  // rows go in several statements of the same batch (a 10-source run once failed here).
  const inserts = [];
  for (let i = 0; i < rows.length; i += SOURCE_ROWS_PER_INSERT) {
    inserts.push(client.insert(scrapeRunSources).values(rows.slice(i, i + SOURCE_ROWS_PER_INSERT)));
  }
  await client.batch([insertRun, ...inserts]);
}

function toSource(row: SourceRow): RunSource {
  return {
    id: row.sourceId,
    url: row.url,
    format: row.format,
    status: row.status,
    fetched: row.fetched,
    parsed: row.parsed,
    skipped: row.skipped,
    duplicates: row.duplicates,
    accepted: row.accepted,
    rejected: row.rejected,
    review: row.review,
    failed: row.failed,
    errors: row.errors,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    messageId: row.messageId,
    kind: row.kind,
    sourceId: row.sourceId,
    attempts: row.attempts,
    body: row.body,
    receivedAt: row.receivedAt,
  };
}

function toRun(row: RunRow, sourceRows: SourceRow[], letters: DeadLetterRow[]): ScrapeRun {
  const sources = sourceRows.map(toSource);
  const totals = { ...zeroCounts(), errors: [] as RunSource["errors"] };
  for (const source of sources) {
    for (const name of COUNT_NAMES) totals[name] += source[name];
    for (const error of source.errors) {
      if (totals.errors.length < TOTAL_ERRORS_SHOWN)
        totals.errors.push({ ...error, record: scoped(source.id, error.record) });
    }
  }
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    dueAt: row.dueAt,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    totals,
    sources,
    deadLetters: letters.map(toDeadLetter),
  };
}

/** In the run totals an error names its source, e.g. `gift-basics: #12 Pairs`. */
function scoped(sourceId: string, record: string | undefined): string {
  return record === undefined ? sourceId : `${sourceId}: ${record}`;
}

export async function getRun(db: D1Database, id: string): Promise<ScrapeRun | null> {
  const client = drizzle(db);
  const [runs, sources, letters] = await client.batch([
    client.select().from(scrapeRuns).where(eq(scrapeRuns.id, id)),
    client.select().from(scrapeRunSources).where(eq(scrapeRunSources.runId, id)).orderBy(scrapeRunSources.sourceId),
    client.select().from(deadLetters).where(eq(deadLetters.runId, id)).orderBy(deadLetters.receivedAt),
  ]);
  const run = runs[0];
  return run ? toRun(run, sources, letters) : null;
}

/** The latest runs, newest first, with their sources. */
export async function listRuns(db: D1Database, limit: number): Promise<ScrapeRun[]> {
  const client = drizzle(db);
  const runs = await client
    .select()
    .from(scrapeRuns)
    .orderBy(desc(scrapeRuns.createdAt), desc(scrapeRuns.id))
    .limit(limit);
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const [sources, letters] = await client.batch([
    client
      .select()
      .from(scrapeRunSources)
      .where(inArray(scrapeRunSources.runId, ids))
      .orderBy(scrapeRunSources.sourceId),
    client.select().from(deadLetters).where(inArray(deadLetters.runId, ids)).orderBy(deadLetters.receivedAt),
  ]);
  return runs.map((run) =>
    toRun(
      run,
      sources.filter((s) => s.runId === run.id),
      letters.filter((l) => l.runId === run.id),
    ),
  );
}
