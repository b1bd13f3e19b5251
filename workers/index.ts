import { handlePipelineQueue } from "../src/pipeline/queue/dispatch.ts";
import { handleScheduled } from "../src/pipeline/schedule/scheduled-handler.ts";
import { app } from "./app.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await handleScheduled(controller, env);
  },
  queue: handlePipelineQueue,
} satisfies ExportedHandler<Env>;
