import { createRoute, type Hook, type RouteHandler } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { BatchRequest, BatchResponse, MAX_BATCH_IDS } from "../../../schemas/question-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { AppError, fieldIssues, unavailable } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { publicView } from "../public-view.ts";
import { readQuestions } from "../read-questions.ts";
import { cachedResponseHeaders, coldest, learnerErrors, queryDeps, setCacheHeaders } from "./common.ts";

export const batchQuestionsRoute = createRoute({
  method: "post",
  operationId: "getQuestionBatch",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions/batch",
  tags: ["Questions"],
  summary: "Many questions at once",
  description: `Up to ${MAX_BATCH_IDS} questions in request order, looked up with one bulk read per tier (KV bulk get, one D1 and at most one origin query). Unknown ids are listed in notFound. x-cache names the coldest tier used.`,
  request: { body: { required: true, content: { "application/json": { schema: BatchRequest } } } },
  responses: {
    200: {
      description: "The questions found",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: BatchResponse } },
    },
    422: learnerErrors[400],
    ...learnerErrors,
  },
});

export const batchQuestionsHandler: RouteHandler<typeof batchQuestionsRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const { ids } = c.req.valid("json");
  const batch = await readQuestions(queryDeps(c), ids, timings);
  if (batch.unavailable.length > 0 && batch.found.length === 0 && batch.notFound.length === 0) {
    throw unavailable("none of the questions is cached at the edge and the origin is unreachable; retry shortly");
  }
  const views = await Promise.all(batch.found.map((f) => publicView(f.question)));
  setCacheHeaders(c, {
    source: coldest(batch.sources),
    stale: batch.found.some((f) => f.stale),
    timings,
    startedAt,
    cacheControl: "no-store",
  });
  return c.json(
    { questions: views.map((v) => v.question), notFound: batch.notFound, unavailable: batch.unavailable },
    200,
  );
};

/** Too many ids is a request the client must split (400); other body errors are 422. */
export const batchQuestionsHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return undefined;
  const issues = fieldIssues(result.error as ZodError);
  const tooMany = (result.error as ZodError).issues.some(
    (i) => i.code === "too_big" && i.path.length === 1 && i.path[0] === "ids",
  );
  throw new AppError(
    tooMany ? "bad_request" : "unprocessable",
    tooMany ? `at most ${MAX_BATCH_IDS} ids per batch` : "the request json is not valid",
    { errors: issues },
  );
};
