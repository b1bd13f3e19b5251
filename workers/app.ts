import { healthRoutes } from "../src/health/routes.ts";
import { createAppShell } from "../src/http/app.ts";
import { reviewRoutes } from "../src/pipeline/review/routes.ts";
import { scraperRunRoutes } from "../src/pipeline/runs/routes.ts";

/** Every HTTP route of the Worker, mounted on the shared shell. */
export const app = createAppShell().route("/", healthRoutes).route("/", scraperRunRoutes).route("/", reviewRoutes);
