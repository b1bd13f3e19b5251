import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { SearchQuery, SearchResults } from "../../../schemas/question-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { etagMatches, memoEtag } from "../public-view.ts";
import { searchQuestions } from "../search-questions.ts";
import { cachedResponseHeaders, learnerErrors, QUERY_CACHE_CONTROL, queryDeps, setCacheHeaders } from "./common.ts";

export const searchQuestionsRoute = createRoute({
  method: "get",
  operationId: "searchQuestions",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions/search",
  tags: ["Questions"],
  summary: "Full-text search",
  description:
    "Searches question text, choices and tags at the edge (D1 FTS5, stemmed, every word required, the last as a prefix), with the listing filters. Best match first; results cached a minute.",
  request: { query: SearchQuery },
  responses: {
    200: {
      description: "Matches",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: SearchResults } },
    },
    304: { description: "Unchanged since the ETag given in If-None-Match" },
    ...learnerErrors,
  },
});

export const searchQuestionsHandler: RouteHandler<typeof searchQuestionsRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const { q, limit, ...filters } = c.req.valid("query");
  const result = await searchQuestions(queryDeps(c), q, filters, limit, timings);
  const body = result.value ?? { questions: [] };
  const etag = await memoEtag(body);
  setCacheHeaders(c, { ...result, timings, startedAt, cacheControl: QUERY_CACHE_CONTROL });
  c.header("etag", etag);
  if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  return c.json(body, 200);
};
