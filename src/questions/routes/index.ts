import { learnerRateLimit } from "../../http/rate-limit.ts";
import { createRouter } from "../../http/router.ts";
import { registerBatchQuestions } from "./batch-questions.ts";
import { registerGetQuestion } from "./get-question.ts";
import { registerListQuestions } from "./list-questions.ts";
import { registerPurgeQuestions } from "./purge-questions.ts";
import { registerRandomQuestion } from "./random-question.ts";
import { registerSearchQuestions } from "./search-questions.ts";
import { registerSimilarQuestions } from "./similar-questions.ts";

/** Learner question routes, rate limited per learner (or address). */
export const questionRoutes = createRouter();
questionRoutes.use("/api/questions", learnerRateLimit);
questionRoutes.use("/api/questions/*", learnerRateLimit);
// Fixed paths before `{id}`, which would otherwise take "random" and "search" as ids.
registerRandomQuestion(questionRoutes);
registerSearchQuestions(questionRoutes);
registerBatchQuestions(questionRoutes);
registerListQuestions(questionRoutes);
registerSimilarQuestions(questionRoutes);
registerGetQuestion(questionRoutes);
registerPurgeQuestions(questionRoutes);
