import { handlePipelineQueue } from "../src/pipeline/queue/dispatch.ts";
import { handleScheduled } from "../src/pipeline/schedule/scheduled-handler.ts";
import { serveQuestionFromMemory } from "../src/questions/memory-fast-path.ts";
import { app } from "./app.ts";

export { LearnerObject } from "../src/sessions/learner-object.ts";

export default {
  // Questions fresh in isolate memory skip the router; everything else is routed.
  fetch: async (request, env, ctx) => (await serveQuestionFromMemory(request, env)) ?? app.fetch(request, env, ctx),
  async scheduled(controller, env, _ctx) {
    await handleScheduled(controller, env);
  },
  async queue(batch, env, ctx) {
    await handlePipelineQueue(batch, env, ctx);
  },
} satisfies ExportedHandler<Env>;
