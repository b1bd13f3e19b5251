import { and, asc, inArray, lte, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { pendingPurges } from "../../schemas/d1-tables.ts";

/** D1 binds at most 100 parameters per statement; an insert row takes two. */
const INSERT_ROWS = 40;
const DELETE_IDS = 100;

/** Records that these questions must be purged (again); re-recording keeps the row, with a new time. */
export async function recordPendingPurges(db: D1Database, ids: string[], now = Date.now()): Promise<void> {
  const client = drizzle(db);
  for (let i = 0; i < ids.length; i += INSERT_ROWS) {
    await client
      .insert(pendingPurges)
      .values(ids.slice(i, i + INSERT_ROWS).map((questionId) => ({ questionId, queuedAt: now })))
      .onConflictDoUpdate({ target: pendingPurges.questionId, set: { queuedAt: now } });
  }
}

/**
 * Removes the records of purges that are done, unless a newer write asked again meanwhile
 * (its record has a later time than the purge started with).
 */
export async function clearPendingPurges(db: D1Database, ids: string[], startedAt: number): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_IDS) {
    await drizzle(db)
      .delete(pendingPurges)
      .where(
        and(inArray(pendingPurges.questionId, ids.slice(i, i + DELETE_IDS)), lte(pendingPurges.queuedAt, startedAt)),
      );
  }
}

/** Notes a failed attempt, for the admin's eye (the cron retries regardless). */
export async function notePurgeFailure(db: D1Database, ids: string[], error: string): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_IDS) {
    await drizzle(db)
      .update(pendingPurges)
      .set({ attempts: sql`${pendingPurges.attempts} + 1`, lastError: error.slice(0, 500) })
      .where(inArray(pendingPurges.questionId, ids.slice(i, i + DELETE_IDS)));
  }
}

/** The oldest pending purges. */
export async function pendingPurgeIds(db: D1Database, limit: number): Promise<string[]> {
  const rows = await drizzle(db)
    .select({ id: pendingPurges.questionId })
    .from(pendingPurges)
    .orderBy(asc(pendingPurges.queuedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
