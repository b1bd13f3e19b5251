import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { CategoryList } from "../../../schemas/session-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import {
  cachedResponseHeaders,
  learnerErrors,
  QUERY_CACHE_CONTROL,
  setCacheHeaders,
} from "../../questions/routes/common.ts";
import { listCategories } from "../topics.ts";
import { sessionDeps } from "./common.ts";

export const listCategoriesRoute = createRoute({
  method: "get",
  operationId: "listCategories",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/categories",
  tags: ["Sessions"],
  summary: "Quiz topics",
  description:
    "Every active category with its question counts per difficulty and per language, and its tags (a session's topic may be a category or a prefix of a category or tag). Cached at the edge like the listings.",
  responses: {
    200: {
      description: "The categories, by name",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: CategoryList } },
    },
    ...learnerErrors,
  },
});

export const listCategoriesHandler: RouteHandler<typeof listCategoriesRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const result = await listCategories(sessionDeps(c), timings);
  setCacheHeaders(c, { ...result, timings, startedAt, cacheControl: QUERY_CACHE_CONTROL });
  return c.json(result.value ?? { categories: [] }, 200);
};
