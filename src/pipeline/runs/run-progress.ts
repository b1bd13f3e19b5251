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

/** Marks a source (and its run) running when its scrape starts; repeating it changes nothing. */
export async function markSourceStarted(db: D1Database, runId: string, sourceId: string, now: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        "UPDATE scrape_run_sources SET status = 'running', started_at = COALESCE(started_at, ?1) WHERE run_id = ?2 AND source_id = ?3 AND status = 'queued'",
      )
      .bind(now, runId, sourceId),
    db
      .prepare(
        "UPDATE scrape_runs SET status = 'running', started_at = COALESCE(started_at, ?1) WHERE id = ?2 AND status = 'queued'",
      )
      .bind(now, runId),
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
  const token = crypto.randomUUID();
  const won = "EXISTS (SELECT 1 FROM pipeline_receipts WHERE key = ?1 AND token = ?2)";
  const counts = COUNT_NAMES.map((name) => progress.counts?.[name] ?? 0);
  const assignments = COUNT_NAMES.map((name, i) => `${name} = ${name} + ?${i + 5}`).join(", ");
  const failed = progress.failed ? 1 : 0;

  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        "INSERT INTO pipeline_receipts (key, token, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO NOTHING",
      )
      .bind(receiptKey, token, now),
    db
      .prepare(
        `UPDATE scrape_run_sources SET ${assignments},
           batches_total = COALESCE(?13, batches_total),
           batches_done = batches_done + ?14,
           status = CASE WHEN ?15 = 1 THEN 'failed' ELSE status END,
           finished_at = CASE WHEN ?15 = 1 THEN ?16 ELSE finished_at END
         WHERE run_id = ?3 AND source_id = ?4 AND ${won}`,
      )
      .bind(
        receiptKey,
        token,
        runId,
        sourceId,
        ...counts,
        progress.batchesTotal ?? null,
        progress.batchDone ? 1 : 0,
        failed,
        now,
      ),
    ...(progress.errors ?? []).slice(0, SOURCE_ERROR_CAP).map((error) =>
      db
        .prepare(
          `UPDATE scrape_run_sources SET errors = json_insert(errors, '$[#]', json(?5))
           WHERE run_id = ?3 AND source_id = ?4 AND json_array_length(errors) < ${SOURCE_ERROR_CAP} AND ${won}`,
        )
        .bind(receiptKey, token, runId, sourceId, JSON.stringify(error)),
    ),
    ...settleStatements(db, runId, sourceId, now),
  ];
  const results = await db.batch(statements);
  return (results[0]?.meta.changes ?? 0) === 1;
}

/**
 * A source is completed when its scrape reported how many batches it sent and all of them
 * reported back; a run is finished when none of its sources is pending: failed if every
 * source failed, completed otherwise.
 */
function settleStatements(db: D1Database, runId: string, sourceId: string, now: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE scrape_run_sources SET status = 'completed', finished_at = ?3
         WHERE run_id = ?1 AND source_id = ?2 AND status IN ('queued', 'running')
           AND batches_total IS NOT NULL AND batches_done >= batches_total`,
      )
      .bind(runId, sourceId, now),
    db
      .prepare(
        `UPDATE scrape_runs SET
           status = CASE WHEN EXISTS (SELECT 1 FROM scrape_run_sources WHERE run_id = ?1 AND status = 'completed')
                    THEN 'completed' ELSE 'failed' END,
           started_at = COALESCE(started_at, ?2),
           finished_at = ?2
         WHERE id = ?1 AND status IN ('queued', 'running')
           AND NOT EXISTS (SELECT 1 FROM scrape_run_sources WHERE run_id = ?1 AND status IN ('queued', 'running'))`,
      )
      .bind(runId, now),
  ];
}

/** Fails a run that could not be started (its messages were not sent), with the reason on each source. */
export async function failRun(db: D1Database, runId: string, reason: string, now: string): Promise<void> {
  const error = JSON.stringify({ stage: "fetch", message: `the run could not be started: ${reason}` });
  await db.batch([
    db
      .prepare(
        `UPDATE scrape_run_sources SET status = 'failed', finished_at = ?2, errors = json_insert(errors, '$[#]', json(?3))
         WHERE run_id = ?1 AND status IN ('queued', 'running')`,
      )
      .bind(runId, now, error),
    db
      .prepare(
        "UPDATE scrape_runs SET status = 'failed', finished_at = ?2 WHERE id = ?1 AND status IN ('queued', 'running')",
      )
      .bind(runId, now),
  ]);
}
