import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { SessionSummary } from "../../../schemas/session-api.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { finishSession } from "../session-service.ts";
import { SESSION_CACHE_CONTROL, SessionParams, sessionDeps, sessionErrors } from "./common.ts";

export const finishSessionRoute = createRoute({
  method: "post",
  operationId: "finishSession",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/sessions/{id}/finish",
  tags: ["Sessions"],
  summary: "Finish a session",
  description:
    "Ends the session (finishing it again returns the same summary): answered, correct, accuracy, duration, the difficulty path and the ability per category.",
  request: { params: SessionParams },
  responses: {
    200: { description: "The summary", content: { "application/json": { schema: SessionSummary } } },
    ...sessionErrors,
  },
});

export const finishSessionHandler: RouteHandler<typeof finishSessionRoute, AppEnv> = async (c) => {
  const reply = await finishSession(sessionDeps(c), c.get("learner"), c.req.valid("param").id);
  c.header("cache-control", SESSION_CACHE_CONTROL);
  return c.json(reply.value, 200);
};
