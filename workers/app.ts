import { healthRoutes } from "../src/health/routes.ts";
import { createAppShell } from "../src/http/app.ts";

/** Every HTTP route of the Worker, mounted on the shared shell. */
export const app = createAppShell().route("/", healthRoutes);
