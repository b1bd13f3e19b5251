import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { PurgeReport, PurgeRequest } from "../../../schemas/cache-api.ts";
import { requireAdmin } from "../../auth/admin-tokens.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ADMIN } from "../../http/openapi-security.ts";
import { problemContent, unavailable } from "../../http/problem.ts";
import { purgeAll, purgeCategory, purgeQuestions } from "../purge-questions.ts";

export const purgeQuestionsRoute = createRoute({
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
    401: problemContent("No or unknown admin token"),
    403: problemContent("The token's role is too low"),
  },
});

export const purgeQuestionsHandler: RouteHandler<typeof purgeQuestionsRoute, AppEnv> = async (c) => {
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
};
