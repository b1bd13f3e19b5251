import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import { loadSettings } from "../config/read-config.ts";
import { runSyntheticCheck, syntheticDue } from "./synthetic-check.ts";
import type { Dispatch } from "./synthetic-journey.ts";

/** The cron tick's part: the synthetic journey when it is on and a 5-minute slot begins. */
export async function handleScheduledSynthetic(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
  dispatch: Dispatch,
): Promise<SyntheticRun | null> {
  const { settings } = await loadSettings(env.CONFIG_KV);
  if (!syntheticDue(settings["monitoring.synthetic_enabled"], controller.scheduledTime)) return null;
  const run = await runSyntheticCheck({ db: env.DB, dispatch, env }, "schedule", new Date(controller.scheduledTime));
  if (run && !run.ok) console.warn(`synthetic journey failed at ${run.failedStep}: ${run.error}`);
  return run;
}
