import type { Settings } from "../../../schemas/config-registry.ts";
import type { ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import { newRunId, startRun } from "../runs/start-run.ts";
import { latestDueTime } from "./due-time.ts";

/**
 * A due time older than this is not started: the trigger fires every minute, so this covers
 * a few missed ticks without switching the scraper on into a run that was due hours ago.
 */
export const DUE_GRACE_MS = 5 * 60_000;

export type TickOutcome =
  | { started: true; runId: string; dueAt: string }
  | { started: false; reason: "disabled" | "not-due" | "already-started"; dueAt?: string };

export interface TickInput {
  db: D1Database;
  queue: Queue<ScrapeMessage>;
  settings: Pick<Settings, "scraper.enabled" | "scraper.schedule" | "scraper.sources">;
  /** The trigger's scheduled time: the same for every delivery of one tick. */
  scheduledTime: number;
}

/**
 * The cron trigger fires every minute (deploy-time schedule); this decides whether the
 * remote-config schedule has a run due and starts it at most once per due time: the D1 lease
 * on the due time is taken by exactly one of any overlapping or repeated deliveries.
 */
export async function scheduledTick(input: TickInput): Promise<TickOutcome> {
  if (!input.settings["scraper.enabled"]) return { started: false, reason: "disabled" };
  const now = new Date(input.scheduledTime);
  const due = latestDueTime(input.settings["scraper.schedule"], now);
  if (!due || now.getTime() - due.getTime() > DUE_GRACE_MS) return { started: false, reason: "not-due" };
  const dueAt = due.toISOString();
  const runId = newRunId(now);
  const lease = await input.db
    .prepare(
      "INSERT INTO scrape_leases (due_at, run_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (due_at) DO NOTHING",
    )
    .bind(dueAt, runId, now.toISOString())
    .run();
  if (lease.meta.changes !== 1) return { started: false, reason: "already-started", dueAt };
  try {
    await startRun({
      db: input.db,
      queue: input.queue,
      configured: input.settings["scraper.sources"],
      trigger: "schedule",
      dueAt,
      id: runId,
      now,
    });
  } catch (error) {
    // Give the due time back, so the next tick (within the grace period) tries again.
    await input.db.prepare("DELETE FROM scrape_leases WHERE due_at = ?1 AND run_id = ?2").bind(dueAt, runId).run();
    throw error;
  }
  return { started: true, runId, dueAt };
}
