import { and, eq, exists, gte, inArray, isNotNull, notExists, type SQL, sql } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { pipelineReceipts, scrapeRunSources, scrapeRuns } from "../../../schemas/d1-pipeline-tables.ts";
import { COUNT_NAMES, type PipelineError, type RunCounts } from "../../../schemas/scrape-run.ts";

/** Errors kept per source; the counts still say how many records failed. */
export const SOURCE_ERROR_CAP = 100;

export interface SourceProgress {
  counts?: Partial<RunCounts>;
  errors?: PipelineError[];
  /** From the scrape stage: how many validate batches the source waits for. */
  batchesTotal?: number;
  /** From a validate batch, or the dead letter standing in for it. */
  batchDone?: boolean;
  /** The source failed as a whole (unreachable, unparseable, dead-lettered scrape). */
  failed?: boolean;
}

export interface ProgressReport {
  runId: string;
  sourceId: string;
  /** Names the message whose effects these are: a redelivered message applies nothing twice. */
  receiptKey: string;
  progress: SourceProgress;
  now: string;
}

const PENDING = ["queued", "running"] as const;

const thisSource = (runId: string, sourceId: string) =>
  and(eq(scrapeRunSources.runId, runId), eq(scrapeRunSources.sourceId, sourceId));

/** Appends to a source's JSON error list in place. */
const appendError = (error: PipelineError) =>
  sql`json_insert(${scrapeRunSources.errors}, '$[#]', json(${JSON.stringify(error)}))`;

/** Marks a source (and its run) running when its scrape starts; repeating it changes nothing. */
export async function markSourceStarted(db: D1Database, runId: string, sourceId: string, now: string): Promise<void> {
  const client = drizzle(db);
  await client.batch([
    client
      .update(scrapeRunSources)
      .set({ status: "running", startedAt: sql`COALESCE(${scrapeRunSources.startedAt}, ${now})` })
      .where(and(thisSource(runId, sourceId), eq(scrapeRunSources.status, "queued"))),
    client
      .update(scrapeRuns)
      .set({ status: "running", startedAt: sql`COALESCE(${scrapeRuns.startedAt}, ${now})` })
      .where(and(eq(scrapeRuns.id, runId), eq(scrapeRuns.status, "queued"))),
  ]);
}

/**
 * Applies a message's counts, errors and progress exactly once, then settles the source and
 * the run. One D1 batch (a transaction): the receipt insert and the guarded updates commit
 * together, and only the attempt whose token won the receipt changes anything.
 * Returns whether this call applied the report.
 */
export async function recordProgress(db: D1Database, report: ProgressReport): Promise<boolean> {
  const { runId, sourceId, receiptKey, progress, now } = report;
  const client = drizzle(db);
  const token = crypto.randomUUID();
  const won = exists(
    client
      .select({ one: sql`1` })
      .from(pipelineReceipts)
      .where(and(eq(pipelineReceipts.key, receiptKey), eq(pipelineReceipts.token, token))),
  );
  const counts = Object.fromEntries(
    COUNT_NAMES.map((name) => [name, sql`${scrapeRunSources[name]} + ${progress.counts?.[name] ?? 0}`]),
  ) as Record<(typeof COUNT_NAMES)[number], SQL>;

  const [receipt] = await client.batch([
    client.insert(pipelineReceipts).values({ key: receiptKey, token, createdAt: now }).onConflictDoNothing(),
    client
      .update(scrapeRunSources)
      .set({
        ...counts,
        batchesDone: sql`${scrapeRunSources.batchesDone} + ${progress.batchDone ? 1 : 0}`,
        ...(progress.batchesTotal === undefined ? {} : { batchesTotal: progress.batchesTotal }),
        ...(progress.failed ? { status: "failed" as const, finishedAt: now } : {}),
      })
      .where(and(thisSource(runId, sourceId), won)),
    ...(progress.errors ?? []).slice(0, SOURCE_ERROR_CAP).map((error) =>
      client
        .update(scrapeRunSources)
        .set({ errors: appendError(error) })
        .where(
          and(
            thisSource(runId, sourceId),
            sql`json_array_length(${scrapeRunSources.errors}) < ${SOURCE_ERROR_CAP}`,
            won,
          ),
        ),
    ),
    ...settleStatements(client, runId, sourceId, now),
  ]);
  return receipt.meta.changes === 1;
}

/**
 * A source is completed when its scrape reported how many batches it sent and all of them
 * reported back; a run is finished when none of its sources is pending: failed if every
 * source failed, completed otherwise.
 */
function settleStatements(client: DrizzleD1Database, runId: string, sourceId: string, now: string) {
  const sourcesOfRun = (status: SQL | undefined) =>
    client
      .select({ one: sql`1` })
      .from(scrapeRunSources)
      .where(and(eq(scrapeRunSources.runId, runId), status));
  return [
    client
      .update(scrapeRunSources)
      .set({ status: "completed", finishedAt: now })
      .where(
        and(
          thisSource(runId, sourceId),
          inArray(scrapeRunSources.status, PENDING),
          isNotNull(scrapeRunSources.batchesTotal),
          gte(scrapeRunSources.batchesDone, scrapeRunSources.batchesTotal),
        ),
      ),
    client
      .update(scrapeRuns)
      .set({
        status: sql`CASE WHEN ${exists(sourcesOfRun(eq(scrapeRunSources.status, "completed")))} THEN 'completed' ELSE 'failed' END`,
        startedAt: sql`COALESCE(${scrapeRuns.startedAt}, ${now})`,
        finishedAt: now,
      })
      .where(
        and(
          eq(scrapeRuns.id, runId),
          inArray(scrapeRuns.status, PENDING),
          notExists(sourcesOfRun(inArray(scrapeRunSources.status, PENDING))),
        ),
      ),
  ] as const;
}

/** Fails a run that could not be started (its messages were not sent), with the reason on each source. */
export async function failRun(db: D1Database, runId: string, reason: string, now: string): Promise<void> {
  const client = drizzle(db);
  const error: PipelineError = { stage: "fetch", message: `the run could not be started: ${reason}` };
  await client.batch([
    client
      .update(scrapeRunSources)
      .set({ status: "failed", finishedAt: now, errors: appendError(error) })
      .where(and(eq(scrapeRunSources.runId, runId), inArray(scrapeRunSources.status, PENDING))),
    client
      .update(scrapeRuns)
      .set({ status: "failed", finishedAt: now })
      .where(and(eq(scrapeRuns.id, runId), inArray(scrapeRuns.status, PENDING))),
  ]);
}
