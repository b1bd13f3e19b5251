import { maintenanceDue } from "../../answer-stream/maintenance.ts";
import { runAnswerMaintenance } from "../../answer-stream/wiring.ts";
import { loadSettings } from "../../config/read-config.ts";
import { scheduledTick, type TickOutcome } from "./scheduled-tick.ts";

/**
 * The Worker's `scheduled` handler: starts a scraper run when the configured schedule has one
 * due, and every few minutes keeps the answer stream's origin tables (partitions, stats, health flags).
 */
export async function handleScheduled(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): Promise<TickOutcome> {
  const maintenance = maintenanceDue(controller.scheduledTime)
    ? runAnswerMaintenance(env, ctx).then(
        (report) => console.log("answers: maintenance", JSON.stringify(report)),
        (error) => console.error("answers: maintenance failed;", error),
      )
    : Promise.resolve();
  const { settings } = await loadSettings(env.CONFIG_KV);
  const outcome = await scheduledTick({
    db: env.DB,
    queue: env.SCRAPE_QUEUE,
    settings,
    scheduledTime: controller.scheduledTime,
  });
  if (outcome.started) console.log(`scraper: started ${outcome.runId} for ${outcome.dueAt}`);
  await maintenance;
  return outcome;
}
