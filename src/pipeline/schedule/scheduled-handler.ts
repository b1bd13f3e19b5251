import { loadSettings } from "../../config/read-config.ts";
import { scheduledTick, type TickOutcome } from "./scheduled-tick.ts";

/** The Worker's `scheduled` handler: starts a scraper run when the configured schedule has one due. */
export async function handleScheduled(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
): Promise<TickOutcome> {
  const { settings } = await loadSettings(env.CONFIG_KV);
  const outcome = await scheduledTick({
    db: env.DB,
    queue: env.SCRAPE_QUEUE,
    settings,
    scheduledTime: controller.scheduledTime,
  });
  if (outcome.started) console.log(`scraper: started ${outcome.runId} for ${outcome.dueAt}`);
  return outcome;
}
