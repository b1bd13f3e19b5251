import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

type Security = NonNullable<RouteConfig["security"]>;

/**
 * What each operation of the OpenAPI document accepts, so generated clients know which
 * credentials to send. Public routes state `[]`: an operation without `security` is ambiguous.
 */
export const PUBLIC: Security = [];
/** Anonymous, or a learner token (a token that is sent must be valid: 401 otherwise). */
export const ANONYMOUS_OR_LEARNER: Security = [{}, { learnerJwt: [] }];
/** Only a signed-in learner. */
export const LEARNER: Security = [{ learnerJwt: [] }];
/** An admin token, or a Cloudflare Access JWT whose email ACCESS_ADMINS maps to a role. */
export const ADMIN: Security = [{ adminToken: [] }, { cloudflareAccess: [] }];

/** Registers the schemes the security requirements above name. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
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
  app.openAPIRegistry.registerComponent("securitySchemes", "cloudflareAccess", {
    type: "apiKey",
    in: "header",
    name: "Cf-Access-Jwt-Assertion",
    description:
      "Set by Cloudflare Access in front of the Worker (ACCESS_TEAM_DOMAIN, ACCESS_AUD); the email's role comes from ACCESS_ADMINS.",
  });
}
