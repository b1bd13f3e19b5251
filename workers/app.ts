import { healthRoutes } from "../src/health/routes.ts";
import { createAppShell } from "../src/http/app.ts";
import { learnerRateLimit } from "../src/http/rate-limit.ts";
import { questionRoutes } from "../src/questions/routes.ts";

/** Every HTTP route of the Worker, mounted on the shared shell. */
export const app = createAppShell();
app.use("/api/questions/*", learnerRateLimit);
app.use("/api/questions", learnerRateLimit);
app.route("/", healthRoutes);
app.route("/", questionRoutes);
