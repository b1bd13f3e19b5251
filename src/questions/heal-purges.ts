import { desc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions as d1Questions } from "../../schemas/d1-tables.ts";
import { questions as originQuestions } from "../../schemas/origin-tables.ts";
import { openOrigin } from "../origin/client.ts";
import { pendingPurgeIds } from "./pending-purges.ts";
import { repropagate, type WriteDeps } from "./write-through.ts";

/** Purges retried per tick; the oldest first. */
const RETRY_PER_TICK = 200;
/** Drifted questions repaired per reconcile; the rest wait for the next one. */
const REPAIR_PER_RUN = 500;
/** The cron ticks every minute; the reconcile (two full id scans) runs on every fifth. */
const RECONCILE_EVERY_MINUTES = 5;

/** Retries the purges the write path left pending; returns how many it tried and how many are done. */
export async function retryPendingPurges(deps: WriteDeps): Promise<{ tried: number; done: number }> {
  const ids = await pendingPurgeIds(deps.env.DB, RETRY_PER_TICK);
  const report = await repropagate(deps, ids);
  return { tried: ids.length, done: report && !report.pending ? ids.length : 0 };
}

/**
 * Ids whose D1 copy differs from the origin: another version, missing from D1, or gone from
 * the origin; the latest origin changes first. Versions move on every content or status
 * change (not on calibration).
 */
export async function edgeCopyDrift(deps: WriteDeps): Promise<string[]> {
  const [origin, edge] = await Promise.all([
    deps.origin.db
      .select({ id: originQuestions.id, version: originQuestions.version })
      .from(originQuestions)
      .orderBy(desc(originQuestions.updatedAt)),
    drizzle(deps.env.DB).select({ id: d1Questions.id, version: d1Questions.version }).from(d1Questions),
  ]);
  const edgeVersions = new Map(edge.map((r) => [r.id, r.version]));
  const drift = origin.filter((r) => edgeVersions.get(r.id) !== r.version).map((r) => r.id);
  const known = new Set(origin.map((r) => r.id));
  return [...drift, ...edge.filter((r) => !known.has(r.id)).map((r) => r.id)];
}

/** Compares the D1 copy with the origin and repairs what drifted (D1 re-copied, caches purged). */
export async function reconcileEdgeCopy(deps: WriteDeps): Promise<{ drifted: number; repaired: number }> {
  const drift = await edgeCopyDrift(deps);
  const batch = drift.slice(0, REPAIR_PER_RUN);
  const report = await repropagate(deps, batch);
  return { drifted: drift.length, repaired: report && !report.pending ? batch.length : 0 };
}

/** The cron tick's part: pending purges every minute, the reconcile every fifth. */
export async function handleScheduledPurges(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): Promise<void> {
  const deps = { env, origin: openOrigin(env.ORIGIN), ctx };
  const retried = await retryPendingPurges(deps);
  if (retried.tried > 0) console.log("purges: retried", JSON.stringify(retried));
  if (new Date(controller.scheduledTime).getUTCMinutes() % RECONCILE_EVERY_MINUTES !== 0) return;
  const reconciled = await reconcileEdgeCopy(deps);
  if (reconciled.drifted > 0) console.log("purges: reconciled", JSON.stringify(reconciled));
}
