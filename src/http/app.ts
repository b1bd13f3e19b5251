import type { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { learnerIdentity } from "../auth/learner-middleware.ts";
import { maintenanceMode } from "../config/maintenance.ts";
import type { AppEnv } from "./app-env.ts";
import { mountApiDocs } from "./docs.ts";
import { allowedMethods } from "./method-not-allowed.ts";
import { originConnection } from "./origin-middleware.ts";
import { AppError, type ErrorCode, problemResponse } from "./problem.ts";
import { jsonBodyGuard } from "./request-guards.ts";
import { requestId } from "./request-id.ts";
import { createRouter } from "./router.ts";

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  503: "unavailable",
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    return new AppError(STATUS_CODES[error.status] ?? "bad_request", error.message || "the request was refused", {
      cause: error,
    });
  }
  return new AppError("internal", "an unexpected error occurred; quote the request id when reporting it", {
    cause: error,
  });
}

/** Learner routes take a Supabase JWT; admin routes carry admin tokens in the same header instead. */
function isAdminPath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/") || path.startsWith("/api/admin");
}

/**
 * The application shell: request ids, problem+json errors, body guards, identity and the
 * origin connection. Feature routers are mounted by `buildApp`.
 */
export function createAppShell(): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use("*", requestId);
  app.use("/api/*", jsonBodyGuard);
  app.use("*", originConnection);
  app.use("/api/*", async (c, next) => (isAdminPath(c.req.path) ? next() : learnerIdentity(c, next)));
  app.use("/api/*", maintenanceMode);

  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === "internal") console.error(`[${c.var.requestId}]`, error);
    return problemResponse(appError, c.var.requestId ?? crypto.randomUUID(), c.req.path);
  });

  app.notFound((c) => {
    const allow = allowedMethods(app, c.req.path);
    const error =
      allow.length > 0
        ? new AppError("method_not_allowed", `${c.req.method} is not allowed here`, {
            headers: { allow: allow.join(", ") },
          })
        : new AppError("not_found", `no route matches ${c.req.path}`);
    return problemResponse(error, c.var.requestId ?? crypto.randomUUID(), c.req.path);
  });

  mountApiDocs(app);
  return app;
}
