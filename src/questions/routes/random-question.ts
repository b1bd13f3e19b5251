import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { PublicQuestion } from "../../../schemas/question.ts";
import { QuestionFilters } from "../../../schemas/question-api.ts";
import type { Timings } from "../../cache/timings.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { publicView } from "../public-view.ts";
import { randomQuestion } from "../random-question.ts";
import { cachedResponseHeaders, learnerErrors, queryDeps, setCacheHeaders } from "./common.ts";

export const randomQuestionRoute = createRoute({
  method: "get",
  operationId: "getRandomQuestion",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/questions/random",
  tags: ["Questions"],
  summary: "A random question",
  description:
    "A uniformly random active question matching the filters, picked from a cached pool of matching ids and served through the question cache (x-cache names the tier of the question).",
  request: { query: QuestionFilters },
  responses: {
    200: {
      description: "A question",
      headers: cachedResponseHeaders,
      content: { "application/json": { schema: PublicQuestion } },
    },
    404: problemContent("No active question matches the filters"),
    ...learnerErrors,
  },
});

export const randomQuestionHandler: RouteHandler<typeof randomQuestionRoute, AppEnv> = async (c) => {
  const startedAt = performance.now();
  const timings: Timings = {};
  const result = await randomQuestion(queryDeps(c), c.req.valid("query"), timings);
  if (!result?.value) throw new AppError("not_found", "no active question matches these filters");
  const view = await publicView(result.value);
  setCacheHeaders(c, { ...result, timings, startedAt, cacheControl: "no-store" });
  return c.json(view.question, 200);
};
