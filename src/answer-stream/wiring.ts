import { openOrigin } from "../origin/client.ts";
import type { AnswersConsumerDeps } from "./consume-answers.ts";
import { type MaintenanceReport, maintainAnswerStream } from "./maintenance.ts";

type AnswerStreamEnv = Pick<Env, "ORIGIN" | "DB" | "QUESTIONS_KV" | "ANSWERS_DEAD_LETTER_QUEUE">;

/** One origin connection per batch, shared by the write and the calibration publish. */
export function answersConsumerDeps(
  env: AnswerStreamEnv,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): AnswersConsumerDeps {
  const origin = openOrigin(env.ORIGIN);
  return {
    origin,
    writeDeps: { env, origin, ctx },
    deadLetters: env.ANSWERS_DEAD_LETTER_QUEUE,
  };
}

/** The cron's upkeep of the answer stream on the Worker's bindings (see maintenance.ts). */
export async function runAnswerMaintenance(
  env: Pick<Env, "ORIGIN" | "DB" | "QUESTIONS_KV">,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): Promise<MaintenanceReport> {
  return maintainAnswerStream({ env, origin: openOrigin(env.ORIGIN), ctx });
}
