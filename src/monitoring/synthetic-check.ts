import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import { type Dispatch, runSyntheticJourney } from "./synthetic-journey.ts";
import { claimRun, recordOutcome } from "./synthetic-store.ts";
import { syntheticToken } from "./synthetic-token.ts";

export const SYNTHETIC_INTERVAL_MS = 5 * 60_000;

export interface SyntheticDeps {
  db: D1Database;
  dispatch: Dispatch;
  env: Pick<Env, "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL">;
}

/** Runs the journey once and records it; null when a repeated delivery of the same slot already has it. */
export async function runSyntheticCheck(
  deps: SyntheticDeps,
  trigger: SyntheticRun["trigger"],
  now: Date,
): Promise<SyntheticRun | null> {
  const slot =
    trigger === "schedule"
      ? new Date(Math.floor(now.getTime() / SYNTHETIC_INTERVAL_MS) * SYNTHETIC_INTERVAL_MS).toISOString()
      : null;
  const id = `syn_${now.getTime().toString(36)}_${crypto.randomUUID().slice(0, 8)}`;
  const startedAt = now.toISOString();
  if (!(await claimRun(deps.db, { id, trigger, slot, startedAt }))) return null;
  const started = Date.now();
  const outcome = await runSyntheticJourney(deps.dispatch, await syntheticToken(deps.env));
  const durationMs = Date.now() - started;
  await recordOutcome(deps.db, id, outcome, durationMs);
  return { id, trigger, startedAt, durationMs, ...outcome };
}

/**
 * The cron tick (every minute) runs the check at the first tick of each 5-minute slot when
 * `monitoring.synthetic_enabled` is on.
 */
export function syntheticDue(enabled: boolean, scheduledTime: number): boolean {
  return enabled && scheduledTime % SYNTHETIC_INTERVAL_MS < 60_000;
}
