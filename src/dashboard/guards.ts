import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { configuredAdminTokens } from "../auth/admin-tokens.ts";
import type { AppVariables } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import type { FormFields } from "./form-value.ts";
import {
  type ActiveSession,
  csrfMatches,
  decodeSession,
  isRevoked,
  resolveSession,
  SESSION_COOKIE,
  sessionKey,
} from "./session.ts";

export interface DashboardEnv {
  Bindings: Env;
  Variables: AppVariables & { session: ActiveSession; form: FormFields };
}

/** The signed-in admin, or null when the cookie is absent, forged, expired, signed out or its token removed. */
export async function currentSession(c: Context<DashboardEnv>): Promise<ActiveSession | null> {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value) return null;
  const key = await sessionKey(c.env.ADMIN_TOKENS);
  const payload = await decodeSession(key, value, Math.floor(Date.now() / 1000));
  if (!payload || (await isRevoked(c.env.CONFIG_KV, payload.sid))) return null;
  return resolveSession(key, payload, configuredAdminTokens(c.env));
}

/**
 * Pages need a session: without one, GETs go to the sign-in page and POSTs are 401. POSTs
 * also need the session's CSRF token in the `_csrf` field.
 */
export const requireSession = createMiddleware<DashboardEnv>(async (c, next) => {
  const session = await currentSession(c);
  if (!session) {
    if (getCookie(c, SESSION_COOKIE)) deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    if (c.req.method === "GET") return c.redirect("/admin/login", 303);
    throw new AppError("unauthorized", "your session has ended; sign in again");
  }
  if (c.req.method === "POST") {
    const form = (await c.req.parseBody()) as FormFields;
    if (!csrfMatches(session.csrf, form._csrf)) {
      throw new AppError("forbidden", "the form's CSRF token is missing or wrong; reload the page and try again");
    }
    c.set("form", form);
  }
  c.set("session", session);
  c.set("admin", { role: session.role, name: `${session.role}-token` });
  return next();
});

/** How the audit trail names a dashboard change. */
export function dashboardActor(session: ActiveSession): string {
  const token = `${session.role}-token, dashboard`;
  return session.payload.name ? `${session.payload.name} (${token})` : token;
}
