import { createRoute } from "@hono/zod-openapi";
import { CacheStatsResponse, PurgeReport, PurgeRequest } from "../../schemas/cache-api.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { unavailable } from "../questions/read-questions.ts";
import { cacheGeneration } from "./generation.ts";
import { purgeAll, purgeCategory, purgeQuestions } from "./purge.ts";
import { cacheStats } from "./stats.ts";
import { isolateMemoryUsage } from "./tiered-cache.ts";

/** Names this isolate in stats, so two samples can be told apart (random values are refused at global scope). */
let isolateId: string | undefined;

const adminErrors = {
  401: problemContent("No or unknown admin token"),
  403: problemContent("The token's role is too low"),
} as const;

const purgeRoute = createRoute({
  method: "post",
  operationId: "purgeCache",
  path: "/api/admin/cache/purge",
  tags: ["Admin: cache"],
  summary: "Purge cached questions",
  description:
    "Clears questions from every tier: the D1 edge copy is re-read from the origin, KV entries are deleted (or a new KV epoch started), and a new cache generation makes every isolate drop its memory within seconds and orphans the HTTP cache. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  request: { body: { required: true, content: { "application/json": { schema: PurgeRequest } } } },
  responses: {
    200: { description: "What was purged", content: { "application/json": { schema: PurgeReport } } },
    422: problemContent("Not one of the accepted shapes"),
    503: problemContent("KV or D1 unreachable; nothing to undo, send the purge again"),
    ...adminErrors,
  },
});

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

export const cacheAdminRoutes = createRouter()
  .openapi(purgeRoute, async (c) => {
    const body = c.req.valid("json");
    const options = { origin: c.var.origin() };
    let report: Awaited<ReturnType<typeof purgeAll>>;
    try {
      report =
        "ids" in body
          ? await purgeQuestions(c.env, c.executionCtx, body.ids, options)
          : "category" in body
            ? await purgeCategory(c.env, c.executionCtx, body.category, options)
            : await purgeAll(c.env, c.executionCtx, options);
    } catch (error) {
      // KV (entries and the generation) or D1 (the category's ids) unreachable: nothing was
      // promised, and the same purge can simply be sent again.
      throw unavailable("the purge could not reach KV or D1; retry shortly", error);
    }
    c.header("cache-control", "no-store");
    return c.json(report, 200);
  })
  .openapi(statsRoute, async (c) => {
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
