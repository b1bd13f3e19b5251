import { createRouter } from "../../http/router.ts";
import { batchQuestionsHandler, batchQuestionsHook, batchQuestionsRoute } from "./batch-questions.ts";
import { getQuestionHandler, getQuestionRoute } from "./get-question.ts";
import { listQuestionsHandler, listQuestionsRoute } from "./list-questions.ts";
import { purgeQuestionsHandler, purgeQuestionsRoute } from "./purge-questions.ts";
import { randomQuestionHandler, randomQuestionRoute } from "./random-question.ts";
import { searchQuestionsHandler, searchQuestionsRoute } from "./search-questions.ts";
import { similarQuestionsHandler, similarQuestionsRoute } from "./similar-questions.ts";

/** Question routes: the learners' reads, each rate limited per learner (or address) by its route middleware, and the admin purge. */
export const questionRoutes = createRouter()
  // Fixed paths before `{id}`, which would otherwise take "random" and "search" as ids.
  .openapi(randomQuestionRoute, randomQuestionHandler)
  .openapi(searchQuestionsRoute, searchQuestionsHandler)
  .openapi(batchQuestionsRoute, batchQuestionsHandler, batchQuestionsHook)
  .openapi(listQuestionsRoute, listQuestionsHandler)
  .openapi(similarQuestionsRoute, similarQuestionsHandler)
  .openapi(getQuestionRoute, getQuestionHandler)
  .openapi(purgeQuestionsRoute, purgeQuestionsHandler);
