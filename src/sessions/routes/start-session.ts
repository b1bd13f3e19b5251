import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { SessionState, StartSessionBody, StartSessionForm } from "../../../schemas/session-api.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { globalRateLimit } from "../../http/global-rate-limit.ts";
import { ANONYMOUS_OR_LEARNER } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { learnerRateLimit } from "../../http/rate-limit.ts";
import { locationHintOf } from "../location-hint.ts";
import { startSession } from "../session-service.ts";
import { SESSION_CACHE_CONTROL, sessionDeps, sessionErrors } from "./common.ts";

export const startSessionRoute = createRoute({
  method: "post",
  operationId: "startSession",
  security: ANONYMOUS_OR_LEARNER,
  middleware: [learnerRateLimit, globalRateLimit("session_start")] as const,
  path: "/api/sessions/start",
  tags: ["Sessions"],
  summary: "Start a quiz session",
  description:
    "Starts an adaptive session on a topic, as JSON or as a form (`topic=math&difficulty=3`). With a learner token the session is the learner's; without one it is anonymous and its id (124 random bits) is the only key to it. The question carries no answer key.",
  request: {
    body: {
      content: {
        "application/json": { schema: StartSessionBody },
        "application/x-www-form-urlencoded": { schema: StartSessionForm },
      },
    },
  },
  responses: {
    201: {
      description: "The session and its first question",
      content: { "application/json": { schema: SessionState } },
    },
    422: problemContent("A field is not valid (difficulty 1–5, length 1–50, mode)"),
    ...sessionErrors,
    404: problemContent("No category matches the topic (in that language)"),
  },
});

export const startSessionHandler: RouteHandler<typeof startSessionRoute, AppEnv> = async (c) => {
  // The body as JSON or as a form; the two schemas take the same fields.
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  const isForm = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
  if (!type) {
    throw new AppError("unprocessable", "the request has no body", {
      errors: [{ path: "topic", message: "required" }],
    });
  }
  const input = isForm ? c.req.valid("form") : c.req.valid("json");
  const reply = await startSession(sessionDeps(c), c.get("learner"), input, locationHintOf(c.req.raw.cf));
  c.header("location", `/api/sessions/${reply.value.id}`);
  c.header("cache-control", SESSION_CACHE_CONTROL);
  return c.json(reply.value, 201);
};
