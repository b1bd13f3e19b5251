import { handleScheduledSynthetic } from "../src/monitoring/scheduled-synthetic.ts";
import { handleScheduledPurges } from "../src/questions/heal-purges.ts";
import { serveQuestionFromMemory } from "../src/questions/memory-fast-path.ts";
import { app } from "./app.ts";
import { handleQueue, handleScheduled } from "./composition.ts";

export { SignInGuard } from "../src/auth/sign-in-guard-object.ts";
export { NearDuplicateBands } from "../src/pipeline/store/near-duplicate-bands-object.ts";
export { LearnerObject } from "../src/sessions/learner-object.ts";

// Questions fresh in isolate memory skip the router; everything else is routed.
const fetchHandler = async (request: Request, env: Env, ctx: ExecutionContext): Promise<Response> =>
  (await serveQuestionFromMemory(request, env)) ?? app.fetch(request, env, ctx);

export default {
  fetch: fetchHandler,
  async scheduled(controller, env, ctx) {
    // One failing part does not stop the other; the tick still reports the failure.
    const results = await Promise.allSettled([
      handleScheduled(controller, env, ctx),
      handleScheduledPurges(controller, env, ctx),
      handleScheduledSynthetic(controller, env, async (request) => fetchHandler(request, env, ctx)),
    ]);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  },
  async queue(batch, env, ctx) {
    await handleQueue(batch, env, ctx);
  },
} satisfies ExportedHandler<Env>;
