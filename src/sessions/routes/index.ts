import { createRouter } from "../../http/router.ts";
import { finishSessionHandler, finishSessionRoute } from "./finish-session.ts";
import { getSessionHandler, getSessionRoute } from "./get-session.ts";
import { listCategoriesHandler, listCategoriesRoute } from "./list-categories.ts";
import { startSessionHandler, startSessionRoute } from "./start-session.ts";
import { submitAnswerHandler, submitAnswerRoute } from "./submit-answer.ts";

/**
 * Quiz sessions and their topics, rate limited per learner (or address) like the question routes;
 * starting and answering also pass the global (Upstash) limits, behind the edge binding.
 */
export const sessionRoutes = createRouter()
  .openapi(listCategoriesRoute, listCategoriesHandler)
  // The fixed path before `{id}`.
  .openapi(startSessionRoute, startSessionHandler)
  .openapi(getSessionRoute, getSessionHandler)
  .openapi(submitAnswerRoute, submitAnswerHandler)
  .openapi(finishSessionRoute, finishSessionHandler);
