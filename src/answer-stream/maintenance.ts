import { flagUnhealthyQuestions } from "../analytics/flag-for-review.ts";
import type { WriteDeps } from "../questions/write-through.ts";

/** Monthly partitions kept ready beyond the current month. */
export const PARTITION_MONTHS_AHEAD = 3;
/** The cron ticks every minute; the origin's upkeep runs on every fifth. */
export const MAINTENANCE_EVERY_MINUTES = 5;

export interface MaintenanceReport {
  partitionsCreated: number;
  statsRefreshed: boolean;
  flagged: string[];
}

/** Whether a cron tick at `scheduledTime` (epoch ms) runs the upkeep. */
export function maintenanceDue(scheduledTime: number): boolean {
  return new Date(scheduledTime).getUTCMinutes() % MAINTENANCE_EVERY_MINUTES === 0;
}

/**
 * The answer stream's upkeep at the origin: the monthly partitions of `quiz_sessions` and
 * `answers` for this month and the next ones (ensure_month_partitions, in the migration),
 * `user_stats` refreshed CONCURRENTLY (readers keep the old rows meanwhile), and questions
 * whose answers raise a new health flag put on the review list.
 */
export async function maintainAnswerStream(deps: WriteDeps): Promise<MaintenanceReport> {
  const [partitions] = await deps.origin.sql<{ created: number }[]>`
    SELECT (ensure_month_partitions('quiz_sessions', 'started_at', ${PARTITION_MONTHS_AHEAD}::integer)
      + ensure_month_partitions('answers', 'answered_at', ${PARTITION_MONTHS_AHEAD}::integer))::integer AS created`;
  await deps.origin.sql`REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats`;
  const { flagged } = await flagUnhealthyQuestions(deps);
  return { partitionsCreated: partitions?.created ?? 0, statsRefreshed: true, flagged };
}
