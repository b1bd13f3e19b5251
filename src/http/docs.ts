import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

/** Serves the OpenAPI 3.1 document built from the route definitions, and a reference page over it. */
export function mountApiDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "learnerJwt", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Supabase access token; requests without one are anonymous.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "An admin token from ADMIN_TOKENS (role viewer or editor).",
  });
  app.doc31("/api/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Edge Quiz API",
      version: "1.0.0",
      description:
        "Adaptive quiz platform served from Cloudflare's edge. Errors are application/problem+json (RFC 9457) with a request id.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  app.get("/api/docs", swaggerUI({ url: "/api/openapi.json", title: "Edge Quiz API reference" }));
}
