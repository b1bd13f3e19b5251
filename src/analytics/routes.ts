import { createRoute } from "@hono/zod-openapi";
import { QuestionHealthList, QuestionHealthQuery } from "../../schemas/analytics-api.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { problemContent, unavailable } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { questionHealthReport } from "./question-health-report.ts";

const listRoute = createRoute({
  method: "get",
  operationId: "listQuestionAnalytics",
  path: "/api/admin/analytics/questions",
  tags: ["Analytics"],
  summary: "Question health from learners' answers",
  description:
    "Per answered question: answers, p-value, calibrated difficulty ± its standard error, mean time, point-biserial discrimination against ability, the choices strong learners pick, and flags (negative discrimination, p near 0 or 1 after 30 answers, a distractor strong learners pick more often than the key). The cron puts newly flagged questions on the review list. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { query: QuestionHealthQuery },
  responses: {
    200: {
      description: "A page of questions, in id order",
      content: { "application/json": { schema: QuestionHealthList } },
    },
    401: problemContent("No or unknown admin token"),
    503: problemContent("The origin is unreachable"),
  },
});

export const analyticsRoutes = createRouter().openapi(listRoute, async (c) => {
  let report: QuestionHealthList;
  try {
    report = await questionHealthReport(c.var.origin(), c.req.valid("query"));
  } catch (error) {
    throw unavailable("the origin cannot be reached; retry shortly", error);
  }
  c.header("cache-control", "no-store");
  return c.json(report, 200);
});
