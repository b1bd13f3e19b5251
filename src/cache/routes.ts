import { createRoute } from "@hono/zod-openapi";
import { CacheStatsResponse } from "../../schemas/cache-api.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { cacheGeneration } from "./generation.ts";
import { cacheStats } from "./stats.ts";
import { isolateMemoryUsage } from "./tiered-cache.ts";

/** Names this isolate in stats, so two samples can be told apart (random values are refused at global scope). */
let isolateId: string | undefined;

const adminErrors = {
  401: problemContent("No or unknown admin token"),
  403: problemContent("The token's role is too low"),
} as const;

const statsRoute = createRoute({
  method: "get",
  operationId: "getCacheStats",
  path: "/api/admin/cache/stats",
  tags: ["Admin: cache"],
  summary: "Cache counters",
  description:
    "Hits, misses, stale serves and errors per tier, origin queries, coalesced waits and negative hits, for the isolate that answers (counters are per isolate). Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  responses: {
    200: { description: "Counters", content: { "application/json": { schema: CacheStatsResponse } } },
    ...adminErrors,
  },
});

export const cacheAdminRoutes = createRouter().openapi(statsRoute, async (c) => {
  const { generation, kvEpoch } = await cacheGeneration(c.env.QUESTIONS_KV);
  isolateId ??= crypto.randomUUID();
  c.header("cache-control", "no-store");
  return c.json(
    {
      scope: "isolate" as const,
      isolateId,
      ...cacheStats(),
      memory: isolateMemoryUsage(),
      generation: { generation, kvEpoch },
    },
    200,
  );
});
