import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";
import { registerSecuritySchemes } from "./openapi-security.ts";

/**
 * The document's own fields. The server is relative: the deployment that serves the document is
 * the one it describes, whatever host or proxy it is reached through.
 */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Edge Quiz API",
    version: "1.0.0",
    description:
      "Adaptive quiz platform served from Cloudflare's edge. Errors are application/problem+json (RFC 9457) with a request id.",
    license: { name: "Proprietary: all rights reserved" },
  },
  servers: [{ url: "/", description: "The deployment serving this document" }],
};

/** The OpenAPI 3.1 document of every route mounted on `app` (used by `scripts/openapi.ts` too). */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(OPENAPI_CONFIG);
}

/** Serves the OpenAPI 3.1 document built from the route definitions, and a reference page over it. */
export function mountApiDocs(app: OpenAPIHono<AppEnv>): void {
  registerSecuritySchemes(app);
  app.doc31("/api/openapi.json", OPENAPI_CONFIG);
  app.get("/api/docs", swaggerUI({ url: "/api/openapi.json", title: "Edge Quiz API reference" }));
}
