import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { SessionState } from "../../../schemas/session-api.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { getSession } from "../session-service.ts";
import { SESSION_CACHE_CONTROL, SessionParams, sessionDeps, sessionErrors } from "./common.ts";

export const getSessionRoute = createRoute({
  method: "get",
  operationId: "getSession",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit] as const,
  path: "/api/sessions/{id}",
  tags: ["Sessions"],
  summary: "A session's state",
  description: "Where the session is and its current question (no answer key).",
  request: { params: SessionParams },
  responses: {
    200: { description: "The session", content: { "application/json": { schema: SessionState } } },
    ...sessionErrors,
  },
});

export const getSessionHandler: RouteHandler<typeof getSessionRoute, AppEnv> = async (c) => {
  const reply = await getSession(sessionDeps(c), c.get("learner"), c.req.valid("param").id);
  c.header("cache-control", SESSION_CACHE_CONTROL);
  return c.json(reply.value, 200);
};
