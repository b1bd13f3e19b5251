import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { PublicQuestion, QuestionId } from "../../../schemas/question.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { etagMatches, publicView } from "../public-view.ts";
import { readQuestion } from "../read-questions.ts";
import { cachedResponseHeaders, learnerErrors, QUESTION_CACHE_CONTROL, queryDeps, setCacheHeaders } from "./common.ts";

export const getQuestionRoute = createRoute({
  method: "get",
  operationId: "getQuestion",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions/{id}",
  tags: ["Questions"],
  summary: "One question",
  description:
    "A question as learners see it (never the answer key), from the fastest tier holding it: isolate memory, KV, D1, then the origin. Conditional requests with If-None-Match get 304.",
  request: { params: z.object({ id: QuestionId }) },
  responses: {
    200: {
      description: "The question",
      headers: cachedResponseHeaders.extend({ etag: z.string().openapi({ description: "Strong validator." }) }),
      content: { "application/json": { schema: PublicQuestion } },
    },
    304: { description: "Unchanged since the ETag given in If-None-Match" },
    404: problemContent("No active question has this id"),
    ...learnerErrors,
  },
});

export const getQuestionHandler: RouteHandler<typeof getQuestionRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const { id } = c.req.valid("param");
  const result = await readQuestion(queryDeps(c), id, timings);
  if (!result.value) {
    // Unknown ids are cached as such for a minute; let clients do the same.
    throw new AppError("not_found", `no question has the id '${id}'`, {
      headers: { "x-cache": result.source, "cache-control": "public, max-age=60" },
    });
  }
  const view = await publicView(result.value);
  setCacheHeaders(c, { ...result, timings, startedAt, cacheControl: QUESTION_CACHE_CONTROL });
  c.header("etag", view.etag);
  if (etagMatches(c.req.header("if-none-match"), view.etag)) return c.body(null, 304);
  return c.json(view.question, 200);
};
