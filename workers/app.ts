import { analyticsRoutes } from "../src/analytics/routes.ts";
import { answerStreamRoutes } from "../src/answer-stream/routes.ts";
import { cacheAdminRoutes } from "../src/cache/routes.ts";
import { configAdminRoutes } from "../src/config/admin-routes.ts";
import { flagsRoutes } from "../src/config/flags-route.ts";
import { createDashboardRoutes } from "../src/dashboard/routes.tsx";
import { healthRoutes } from "../src/health/routes.ts";
import { createAppShell } from "../src/http/app.ts";
import { leaderboardRoutes } from "../src/leaderboards/routes.ts";
import { createLearnerRoutes } from "../src/learner/routes.tsx";
import { mediaRoutes } from "../src/media/routes.ts";
import { createMonitoringRoutes } from "../src/monitoring/routes.ts";
import { reviewRoutes } from "../src/pipeline/review/routes.ts";
import { scraperRunRoutes } from "../src/pipeline/runs/routes.ts";
import { learnerProgressRoutes } from "../src/progress/routes.ts";
import { questionRoutes } from "../src/questions/routes/index.ts";
import { sessionRoutes } from "../src/sessions/routes/index.ts";

/** Every HTTP route of the Worker, mounted on the shared shell. */
export const app = createAppShell()
  .route("/", healthRoutes)
  .route("/", flagsRoutes)
  .route("/", configAdminRoutes)
  .route("/", scraperRunRoutes)
  .route("/", reviewRoutes)
  .route("/", analyticsRoutes)
  .route("/", answerStreamRoutes)
  .route("/", createDashboardRoutes())
  // The learner web app is a client of the learner API, dispatched through the app the same way.
  .route(
    "/",
    createLearnerRoutes({ callApi: async (request, env, ctx): Promise<Response> => app.fetch(request, env, ctx) }),
  )
  .route("/", questionRoutes)
  .route("/", sessionRoutes)
  .route("/", cacheAdminRoutes)
  // The synthetic journey sends its requests through the app like a client.
  .route(
    "/",
    createMonitoringRoutes({ dispatch: async (request, env, ctx): Promise<Response> => app.fetch(request, env, ctx) }),
  )
  .route("/", mediaRoutes)
  .route("/", leaderboardRoutes)
  .route("/", learnerProgressRoutes);
