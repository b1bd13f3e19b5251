import { globalRateLimit } from "../../http/global-rate-limit.ts";
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
// Behind the edge binding, the global (Upstash) limits on what costs the most.
sessionRoutes.use("/api/sessions/start", globalRateLimit("session_start"));
sessionRoutes.use("/api/sessions/:id/answers", globalRateLimit("answer"));
registerListCategories(sessionRoutes);
// The fixed path before `{id}`.
registerStartSession(sessionRoutes);
registerGetSession(sessionRoutes);
registerSubmitAnswer(sessionRoutes);
registerFinishSession(sessionRoutes);
