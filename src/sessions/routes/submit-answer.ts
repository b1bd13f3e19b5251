import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { AnswerResult, SubmitAnswerBody } from "../../../schemas/session-api.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { globalRateLimit } from "../../http/global-rate-limit.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { problemContent } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { submitAnswer } from "../session-service.ts";
import { SESSION_CACHE_CONTROL, SessionParams, sessionDeps, sessionErrors } from "./common.ts";

/** draft-ietf-httpapi-idempotency-key-header: an sf-string; bare tokens are taken as well. */
const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .trim()
    .min(1)
    .max(258)
    .transform((v) => v.replace(/^"(.*)"$/, "$1"))
    .pipe(z.string().min(1).max(256))
    .openapi({ description: "A fresh key per answer (e.g. a UUID); retries send the same key." }),
});

export const submitAnswerRoute = createRoute({
  method: "post",
  operationId: "submitAnswer",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit, globalRateLimit("answer")] as const,
  path: "/api/sessions/{id}/answers",
  tags: ["Sessions"],
  summary: "Answer the current question",
  description:
    "Grades the answer server-side, updates the ability and picks the next question. Requires `Idempotency-Key`: a retry with the same key and body gets the stored response byte for byte; the same key with another body is 422; while the first request with a key is still running, a retry waits for it (409 if it takes too long).",
  request: {
    params: SessionParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: SubmitAnswerBody } } },
  },
  responses: {
    200: {
      description: "The grade, the answer key and explanation, the new level and ability, and the next question",
      content: { "application/json": { schema: AnswerResult } },
    },
    409: problemContent("Not the current question, the session is finished, or another answer is being graded"),
    422: problemContent("The body or the answer's shape is not valid, or the key was used with another body"),
    ...sessionErrors,
  },
});

export const submitAnswerHandler: RouteHandler<typeof submitAnswerRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const key = c.req.valid("header")["idempotency-key"];
  const reply = await submitAnswer(sessionDeps(c), c.get("learner"), id, key, c.req.valid("json"));
  c.header("cache-control", SESSION_CACHE_CONTROL);
  return c.json(reply.value, 200);
};
