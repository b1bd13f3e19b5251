import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import {
  AdminQuestion,
  ReletterRequest,
  ReletterResult,
  ReviewList,
  ReviewQuery,
} from "../../../schemas/admin-question.ts";
import { QuestionId } from "../../../schemas/question.ts";
import { requireAdmin } from "../../auth/admin-tokens.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { ADMIN } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { createRouter } from "../../http/router.ts";
import { reletterStoredChoices } from "../../questions/reletter-choices.ts";
import { ReviewConflictError, reviewQuestion } from "./review-question.ts";
import { getAdminQuestion, listReview } from "./review-store.ts";

const IdParam = z.object({ id: QuestionId.openapi({ param: { name: "id", in: "path" } }) });

const listRoute = createRoute({
  method: "get",
  operationId: "listReviewQueue",
  path: "/api/admin/questions/review",
  tags: ["Review"],
  summary: "Questions waiting for review",
  description:
    "Questions the validator rejected (wrong answer key) or held (score below `ai.min_quality_score`, near duplicate of a stored question), oldest first, with answer keys and validation records. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { query: ReviewQuery },
  responses: {
    200: { description: "A page of the review list", content: { "application/json": { schema: ReviewList } } },
    401: problemContent("No or unknown admin token"),
  },
});

const getRoute = createRoute({
  method: "get",
  operationId: "getReviewQuestion",
  path: "/api/admin/questions/{id}",
  tags: ["Review"],
  summary: "A question with its answer key and validation record",
  description: "Any status. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The question", content: { "application/json": { schema: AdminQuestion } } },
    401: problemContent("No or unknown admin token"),
    404: problemContent("No question has this id"),
  },
});

function decisionRoute(action: "approve" | "reject") {
  return createRoute({
    method: "post",
    operationId: `${action}Question`,
    path: `/api/admin/questions/{id}/${action}`,
    tags: ["Review"],
    summary: action === "approve" ? "Approve a question for learners" : "Reject a question",
    description:
      action === "approve"
        ? "Makes the question active at the origin, copies it to the edge and purges cached entries, so learners get it. Approving an active question changes nothing. Editor role."
        : "Marks the question rejected at the origin and the edge and purges cached entries, so learners no longer get it (an active question can be taken down too). Rejecting a rejected question changes nothing. Editor role.",
    security: ADMIN,
    middleware: [requireAdmin("editor")] as const,
    request: { params: IdParam },
    responses: {
      200: { description: "The question as it now is", content: { "application/json": { schema: AdminQuestion } } },
      401: problemContent("No or unknown admin token"),
      403: problemContent("The token is not an editor's"),
      404: problemContent("No question has this id"),
      409: problemContent("The question is archived"),
    },
  });
}

const reletterRoute = createRoute({
  method: "post",
  operationId: "reletterQuestions",
  path: "/api/admin/questions/reletter",
  tags: ["Review"],
  summary: "Re-letter stored choice questions in the shuffled order",
  description:
    "Questions imported before choices were shuffled keep the author's order, where the key is often first. This puts one page of stored choice questions (by id) in the order import now gives them, seeded from the id, bumping the version and purging the caches of each question it changes; questions whose order means something (all of the above, ranges) keep it and are tagged `fixed-choice-order`. Call again with `after` = `next` until `next` is null; a second pass changes nothing. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  request: { body: { content: { "application/json": { schema: ReletterRequest } }, required: false } },
  responses: {
    200: { description: "What this page changed", content: { "application/json": { schema: ReletterResult } } },
    422: problemContent("The body is not a valid request"),
    401: problemContent("No or unknown admin token"),
    403: problemContent("The token is not an editor's"),
  },
});

/** Approving and rejecting differ only in the status they set. */
function decide(action: "approve" | "reject"): RouteHandler<ReturnType<typeof decisionRoute>, AppEnv> {
  return async (c) => {
    const deps = { env: c.env, origin: c.var.origin(), ctx: c.executionCtx };
    try {
      const question = await reviewQuestion(deps, c.req.valid("param").id, action, c.var.admin?.name ?? "editor");
      if (!question) throw new AppError("not_found", "no question has this id");
      return c.json(question, 200);
    } catch (error) {
      if (error instanceof ReviewConflictError) throw new AppError("conflict", error.message);
      throw error;
    }
  };
}

export const reviewRoutes = createRouter()
  // Registered before `/{id}`, which would otherwise take "review" for an id.
  .openapi(listRoute, async (c) => {
    const page = await listReview(c.var.origin(), c.req.valid("query"));
    c.header("cache-control", "no-store");
    return c.json(page, 200);
  })
  .openapi(reletterRoute, async (c) => {
    const deps = { env: c.env, origin: c.var.origin(), ctx: c.executionCtx };
    const { purge: _purge, ...page } = await reletterStoredChoices(deps, c.req.valid("json") ?? { limit: 200 });
    return c.json(page, 200);
  })
  .openapi(getRoute, async (c) => {
    const question = await getAdminQuestion(c.var.origin(), c.req.valid("param").id);
    if (!question) throw new AppError("not_found", "no question has this id");
    c.header("cache-control", "no-store");
    return c.json(question, 200);
  })
  .openapi(decisionRoute("approve"), decide("approve"))
  .openapi(decisionRoute("reject"), decide("reject"));
