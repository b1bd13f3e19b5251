import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { ListQuery, QuestionPage } from "../../../schemas/question-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { listQuestions } from "../list-questions.ts";
import { etagMatches, memoEtag } from "../public-view.ts";
import { cachedResponseHeaders, learnerErrors, QUERY_CACHE_CONTROL, queryDeps, setCacheHeaders } from "./common.ts";

export const listQuestionsRoute = createRoute({
  method: "get",
  operationId: "listQuestions",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions",
  tags: ["Questions"],
  summary: "List questions",
  description:
    "Active questions in a stable order, filtered, with keyset pagination: pass nextCursor as cursor for the next page. Served from the edge copy (D1); pages are cached a minute.",
  request: { query: ListQuery },
  responses: {
    200: {
      description: "A page",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: QuestionPage } },
    },
    304: { description: "Unchanged since the ETag given in If-None-Match" },
    ...learnerErrors,
  },
});

export const listQuestionsHandler: RouteHandler<typeof listQuestionsRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const { limit, cursor, ...filters } = c.req.valid("query");
  const result = await listQuestions(queryDeps(c), filters, { limit, cursor }, timings);
  const page = result.value ?? { questions: [], nextCursor: null };
  const etag = await memoEtag(page);
  setCacheHeaders(c, { ...result, timings, startedAt, cacheControl: QUERY_CACHE_CONTROL });
  c.header("etag", etag);
  if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  return c.json(page, 200);
};
