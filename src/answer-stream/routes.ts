import { createRoute, z } from "@hono/zod-openapi";
import { AnswerDeadLetterList, ReplayReport } from "../../schemas/answer-stream-api.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { listAnswerDeadLetters, replayAnswerDeadLetters } from "./dead-letter-store.ts";

const listRoute = createRoute({
  method: "get",
  operationId: "listAnswerDeadLetters",
  path: "/api/admin/answers/dead-letters",
  tags: ["Answer stream"],
  summary: "Answer-stream messages that reached the dead-letter queue",
  description:
    "Newest first: poison messages (unreadable, or refused by the origin) and events whose every retry failed, with why. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: { description: "Dead letters", content: { "application/json": { schema: AnswerDeadLetterList } } },
    401: problemContent("No or unknown admin token"),
  },
});

const replayRoute = createRoute({
  method: "post",
  operationId: "replayAnswerDeadLetters",
  path: "/api/admin/answers/dead-letters/replay",
  tags: ["Answer stream"],
  summary: "Send dead-lettered events back to the stream",
  description:
    "Re-sends up to 90 undelivered events not replayed yet to ANSWERS_QUEUE (after an origin outage longer than the retries); writes are idempotent, so a replay never counts an answer twice. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  responses: {
    200: { description: "What was sent", content: { "application/json": { schema: ReplayReport } } },
    401: problemContent("No or unknown admin token"),
    403: problemContent("The token is not an editor's"),
  },
});

export const answerStreamRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    c.header("cache-control", "no-store");
    return c.json(await listAnswerDeadLetters(c.env.DB, c.req.valid("query").limit), 200);
  })
  .openapi(replayRoute, async (c) =>
    c.json(await replayAnswerDeadLetters(c.env.DB, c.env.ANSWERS_QUEUE, new Date().toISOString()), 200),
  );
