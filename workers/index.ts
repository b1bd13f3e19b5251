import { handlePipelineQueue } from "../src/pipeline/queue/dispatch.ts";
import { handleScheduled } from "../src/pipeline/schedule/scheduled-handler.ts";
import { app } from "./app.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, _ctx) {
    await handleScheduled(controller, env);
  },
  async queue(batch, env, _ctx) {
    await handlePipelineQueue(batch, env);
  },
} satisfies ExportedHandler<Env>;
