import { createRoute } from "@hono/zod-openapi";
import { ReviewsResponse, StatsResponse } from "../../schemas/progress-api.ts";
import { LEARNER } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { learnerRateLimit } from "../http/rate-limit.ts";
import { createRouter } from "../http/router.ts";
import { readReviews, readStats } from "./own-object.ts";

const meErrors = {
  401: problemContent("No learner token (or a bad one): these figures are a signed-in learner's"),
  429: problemContent("Rate limited; see Retry-After"),
  503: problemContent("The learner's object cannot be reached; see Retry-After"),
} as const;

const statsRoute = createRoute({
  method: "get",
  operationId: "getMyStats",
  middleware: [learnerRateLimit] as const,
  path: "/api/me/stats",
  tags: ["Learner"],
  summary: "My figures",
  description:
    "Sessions, answers and accuracy, points, the current and best streak (days with an answer, counted in the time zone given at session start; UTC by default), reviews due, and per category the ability θ ± SE, a mastery level, answers and accuracy. Read from the learner's object alone (no origin call).",
  security: LEARNER,
  responses: {
    200: { description: "The figures", content: { "application/json": { schema: StatsResponse } } },
    ...meErrors,
  },
});

const reviewsRoute = createRoute({
  method: "get",
  operationId: "getMyReviews",
  middleware: [learnerRateLimit] as const,
  path: "/api/me/reviews",
  tags: ["Learner"],
  summary: "My due reviews",
  description:
    'Spaced repetition (FSRS): how many cards are due now, when the next one falls due, and the due cards, lowest retrievability (then most overdue) first. Start a `mode: "review"` session on a card\'s category to answer them.',
  security: LEARNER,
  responses: {
    200: { description: "Due reviews", content: { "application/json": { schema: ReviewsResponse } } },
    ...meErrors,
  },
});

export const learnerProgressRoutes = createRouter()
  .openapi(statsRoute, async (c) => {
    const stats = await readStats(c.env, c.get("learner"));
    c.header("cache-control", "private, no-store");
    return c.json(stats, 200);
  })
  .openapi(reviewsRoute, async (c) => {
    const reviews = await readReviews(c.env, c.get("learner"));
    c.header("cache-control", "private, no-store");
    return c.json(reviews, 200);
  });
