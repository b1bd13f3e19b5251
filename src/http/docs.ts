import type { OpenAPIHono } from "@hono/zod-openapi";
import { html } from "hono/html";
import swaggerUiPackage from "swagger-ui-dist/package.json";
import type { AppEnv } from "./app-env.ts";
import { registerSecuritySchemes } from "./openapi-security.ts";
import { pageSecurityHeaders } from "./page-guards.ts";
import { AppError } from "./problem.ts";

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

/** Swagger UI files served from the `[assets]` binding (the pinned swagger-ui-dist package). */
const SWAGGER_UI_TYPES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};
// The version in the URLs lets browsers keep the files for good: a new package is a new URL.
const VERSION = swaggerUiPackage.version;
// No inline script: the strict CSP of the pages allows scripts from this origin only.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", validatorUrl: "none" });\n`;

const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Edge Quiz API reference</title>
    <link rel="icon" href="/api/docs/favicon-32x32.png?v=${VERSION}" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css?v=${VERSION}" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js?v=${VERSION}"></script>
    <script src="/api/docs/init.js?v=${VERSION}"></script>
  </body>
</html>`;

/** Serves the OpenAPI 3.1 document built from the route definitions, and a reference page over it. */
export function mountApiDocs(app: OpenAPIHono<AppEnv>): void {
  registerSecuritySchemes(app);
  app.doc31("/api/openapi.json", OPENAPI_CONFIG);
  app.use("/api/docs", pageSecurityHeaders);
  app.use("/api/docs/*", pageSecurityHeaders);
  app.get("/api/docs", (c) => c.html(page));
  app.get("/api/docs/init.js", (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.body(INIT_SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8" });
  });
  app.get("/api/docs/:file", async (c) => {
    const file = c.req.param("file");
    // Only the files the page names: the package also holds source maps, its README and more.
    const type = Object.hasOwn(SWAGGER_UI_TYPES, file) ? SWAGGER_UI_TYPES[file] : undefined;
    if (!type) throw new AppError("not_found", `no route matches ${c.req.path}`);
    const asset = await c.env.ASSETS.fetch(new URL(`/${file}`, c.req.url));
    if (!asset.ok) throw new AppError("not_found", `${file} is missing from the deployment's assets`);
    return new Response(asset.body, {
      headers: {
        "content-type": type,
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  });
}
