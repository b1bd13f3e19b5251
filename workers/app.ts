import { cacheAdminRoutes } from "../src/cache/routes.ts";
import { healthRoutes } from "../src/health/routes.ts";
import { createAppShell } from "../src/http/app.ts";
import { mediaRoutes } from "../src/media/routes.ts";
import { questionRoutes } from "../src/questions/routes/index.ts";

/** Every HTTP route of the Worker, mounted on the shared shell. */
export const app = createAppShell()
  .route("/", healthRoutes)
  .route("/", questionRoutes)
  .route("/", cacheAdminRoutes)
  .route("/", mediaRoutes);
