import { learnerRateLimit } from "../../http/rate-limit.ts";
import { createRouter } from "../../http/router.ts";
import { registerFinishSession } from "./finish-session.ts";
import { registerGetSession } from "./get-session.ts";
import { registerListCategories } from "./list-categories.ts";
import { registerStartSession } from "./start-session.ts";
import { registerSubmitAnswer } from "./submit-answer.ts";

/** Quiz sessions and their topics, rate limited per learner (or address) like the question routes. */
export const sessionRoutes = createRouter();
sessionRoutes.use("/api/sessions/*", learnerRateLimit);
sessionRoutes.use("/api/categories", learnerRateLimit);
registerListCategories(sessionRoutes);
// The fixed path before `{id}`.
registerStartSession(sessionRoutes);
registerGetSession(sessionRoutes);
registerSubmitAnswer(sessionRoutes);
registerFinishSession(sessionRoutes);
