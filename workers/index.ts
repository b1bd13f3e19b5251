import { serveQuestionFromMemory } from "../src/questions/memory-fast-path.ts";
import { app } from "./app.ts";

export default {
  // Questions fresh in isolate memory skip the router; everything else is routed.
  fetch: async (request, env, ctx) => (await serveQuestionFromMemory(request, env)) ?? app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
