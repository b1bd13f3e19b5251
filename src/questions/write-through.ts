import type { Question } from "../../schemas/question.ts";
import type { OriginConnection } from "../origin/client.ts";
import { upsertD1Questions } from "./d1-store.ts";
import { clearPendingPurges, notePurgeFailure, recordPendingPurges } from "./pending-purges.ts";
import { type PurgeEnv, type PurgeReport, purgeQuestions, unfinishedPurge } from "./purge-questions.ts";

/** What the write path needs: bindings, an origin connection and (in a request or queue) `waitUntil`. */
export interface WriteDeps {
  env: PurgeEnv;
  origin: OriginConnection;
  ctx?: Pick<ExecutionContext, "waitUntil">;
}

function message(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

/**
 * After the origin (the source of truth) has accepted rows: records their purge as pending,
 * copies them into D1 and purges their cached entries everywhere. If D1 refuses, the purge
 * re-reads them from the origin. A purge that fails stays pending for the cron (and never
 * fails the write, which the origin already holds); if D1 is down too, so that nothing could
 * be recorded, the D1 copy is stale and the reconcile job finds it.
 */
export async function propagateWrites(deps: WriteDeps, rows: Question[]): Promise<PurgeReport | null> {
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.id);
  const started = Date.now();
  const recorded = await record(deps, ids, started);
  let d1Written = true;
  try {
    await upsertD1Questions(deps.env.DB, rows);
  } catch (error) {
    d1Written = false;
    console.warn("write: D1 copy failed, the purge will re-read from the origin;", message(error));
  }
  return purgeRecorded(deps, ids, { refreshD1: !d1Written, recorded, started });
}

/**
 * Re-copies questions from the origin into D1 and purges them, durably like a write: for a
 * decision repeated on a question already in that state, pending purges and drift.
 */
export async function repropagate(deps: WriteDeps, ids: string[]): Promise<PurgeReport | null> {
  if (ids.length === 0) return null;
  const started = Date.now();
  const recorded = await record(deps, ids, started);
  return purgeRecorded(deps, ids, { refreshD1: true, recorded, started });
}

async function record(deps: WriteDeps, ids: string[], now: number): Promise<boolean> {
  try {
    await recordPendingPurges(deps.env.DB, ids, now);
    return true;
  } catch (error) {
    console.warn("write: pending purge not recorded (D1 down); the reconcile job will find the drift;", message(error));
    return false;
  }
}

async function purgeRecorded(
  deps: WriteDeps,
  ids: string[],
  options: { refreshD1: boolean; recorded: boolean; started: number },
): Promise<PurgeReport> {
  let report: PurgeReport;
  try {
    report = await purgeQuestions(deps.env, deps.ctx, ids, { origin: deps.origin, refreshD1: options.refreshD1 });
  } catch (error) {
    console.warn("write: purge failed, left pending for the cron;", message(error));
    if (options.recorded) await notePurgeFailure(deps.env.DB, ids, message(error)).catch(() => undefined);
    return unfinishedPurge(ids, message(error));
  }
  // A D1 copy that failed twice (write, then refresh) is not done either.
  const done = !options.refreshD1 || report.d1.refreshed;
  if (done && options.recorded) {
    await clearPendingPurges(deps.env.DB, ids, options.started).catch((error: unknown) => {
      console.warn("write: purge done but its record stays (it will be repeated);", message(error));
    });
  }
  return { ...report, pending: !done };
}
