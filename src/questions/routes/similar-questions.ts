import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { QuestionId } from "../../../schemas/question.ts";
import { SimilarQuery, SimilarQuestions } from "../../../schemas/question-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { etagMatches, memoEtag, publicView } from "../public-view.ts";
import { readQuestion } from "../read-questions.ts";
import { similarQuestions } from "../similar-questions.ts";
import { cachedResponseHeaders, learnerErrors, QUESTION_CACHE_CONTROL, queryDeps, setCacheHeaders } from "./common.ts";

export const similarQuestionsRoute = createRoute({
  method: "get",
  operationId: "listSimilarQuestions",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions/{id}/similar",
  tags: ["Questions"],
  summary: "Similar questions",
  description:
    "Questions of the same category ranked by lexical similarity (Postgres full-text rank, then shared tags), computed on the origin once and cached at the edge (memory, KV). x-cache names the tier of the similarity list.",
  request: { params: z.object({ id: QuestionId }), query: SimilarQuery },
  responses: {
    200: {
      description: "Most similar first",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: SimilarQuestions } },
    },
    304: { description: "Unchanged since the ETag given in If-None-Match" },
    404: problemContent("No active question has this id"),
    ...learnerErrors,
  },
});

export const similarQuestionsHandler: RouteHandler<typeof similarQuestionsRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const { id } = c.req.valid("param");
  const { limit } = c.req.valid("query");
  const deps = queryDeps(c);
  // Unknown ids stop here, on the question cache's negative entries, before any origin work.
  const source = await readQuestion(deps, id, timings);
  if (!source.value) throw new AppError("not_found", `no question has the id '${id}'`);
  const { list, questions } = await similarQuestions(deps, id, limit, timings);
  const body = { questions: (await Promise.all(questions.map(publicView))).map((v) => v.question) };
  const etag = await memoEtag(body);
  setCacheHeaders(c, { ...list, timings, startedAt, cacheControl: QUESTION_CACHE_CONTROL });
  c.header("etag", etag);
  if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  return c.json(body, 200);
};
