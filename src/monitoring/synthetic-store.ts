import { desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { syntheticRuns } from "../../schemas/d1-tables.ts";
import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import type { JourneyOutcome } from "./synthetic-journey.ts";

/** Runs kept; older ones are deleted as new ones are recorded. */
export const KEEP_RUNS = 500;

/**
 * Claims a run: for a scheduled one, its slot (a unique key), so overlapping or repeated cron
 * deliveries start it once. Returns false when another delivery has it.
 */
export async function claimRun(
  db: D1Database,
  run: { id: string; trigger: SyntheticRun["trigger"]; slot: string | null; startedAt: string },
): Promise<boolean> {
  const inserted = await drizzle(db)
    .insert(syntheticRuns)
    .values({ ...run, steps: [] })
    .onConflictDoNothing()
    .returning({ id: syntheticRuns.id });
  return inserted.length === 1;
}

export async function recordOutcome(db: D1Database, id: string, outcome: JourneyOutcome, durationMs: number) {
  const client = drizzle(db);
  await client
    .update(syntheticRuns)
    .set({ ok: outcome.ok, failedStep: outcome.failedStep, error: outcome.error, durationMs, steps: outcome.steps })
    .where(eq(syntheticRuns.id, id));
  await db
    .prepare(
      "DELETE FROM synthetic_runs WHERE id NOT IN (SELECT id FROM synthetic_runs ORDER BY started_at DESC LIMIT ?1)",
    )
    .bind(KEEP_RUNS)
    .run();
}

/** The latest runs, newest first. */
export async function listRuns(db: D1Database, limit: number): Promise<SyntheticRun[]> {
  const rows = await drizzle(db).select().from(syntheticRuns).orderBy(desc(syntheticRuns.startedAt)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    trigger: r.trigger,
    startedAt: r.startedAt,
    ok: r.ok,
    failedStep: r.failedStep,
    error: r.error,
    durationMs: r.durationMs,
    steps: r.steps,
  }));
}
