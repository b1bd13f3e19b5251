import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import { loadSettings } from "./read-config.ts";

/** What stays up during maintenance: health checks, the API reference and everything admin. */
const EXEMPT = [/^\/api\/health$/, /^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/, /^\/api\/admin(\/|$)/];

export const MAINTENANCE_RETRY_AFTER_S = 120;

/** With `features.maintenance_mode` on, learner endpoints answer 503 with Retry-After. */
export const maintenanceMode = createMiddleware<AppEnv>(async (c, next) => {
  if (EXEMPT.some((re) => re.test(c.req.path))) return next();
  const { settings } = await loadSettings(c.env.CONFIG_KV);
  if (settings["features.maintenance_mode"]) {
    throw new AppError("unavailable", "the platform is under maintenance; please come back shortly", {
      headers: { "retry-after": String(MAINTENANCE_RETRY_AFTER_S) },
    });
  }
  return next();
});
