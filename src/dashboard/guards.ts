import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppVariables } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import type { FormFields } from "./form-value.ts";
import {
  type ActiveSession,
  csrfMatches,
  decodeSession,
  resolveSession,
  SESSION_COOKIE,
  sessionKey,
} from "./session.ts";

export interface DashboardEnv {
  Bindings: Env;
  Variables: AppVariables & { session: ActiveSession; form: FormFields };
}

/**
 * Scripts and styles only from this origin (none inline), no framing, forms only to this
 * origin: a stored value that somehow reached the page as markup still could not run.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const securityHeaders = createMiddleware<DashboardEnv>(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("content-security-policy", CSP);
  h.set("x-content-type-options", "nosniff");
  h.set("x-frame-options", "DENY");
  h.set("referrer-policy", "same-origin");
  h.set("cross-origin-opener-policy", "same-origin");
  if (!h.has("cache-control")) h.set("cache-control", "no-store");
});

/**
 * POSTs must come from a page of this origin: `Origin` when the browser sends it (all current
 * ones do on POST), else `Sec-Fetch-Site`. Compared with the request URL and with the Host
 * header, since behind a local proxy (wrangler dev) the URL the Worker sees may name another
 * host. This also guards the sign-in form (login CSRF).
 */
export const sameOrigin = createMiddleware<DashboardEnv>(async (c, next) => {
  if (c.req.method !== "POST") return next();
  const origin = c.req.header("origin");
  const ok = origin
    ? isSameOrigin(origin, c.req.url, c.req.header("host"))
    : c.req.header("sec-fetch-site") === "same-origin";
  if (!ok) throw new AppError("forbidden", "cross-site form submissions are refused");
  return next();
});

function isSameOrigin(origin: string, url: string, host: string | undefined): boolean {
  if (origin === new URL(url).origin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    // `Origin: null` (sandboxed or privacy-stripped) and garbage are refused.
    return false;
  }
}

/** The signed-in admin, or null when the cookie is absent, forged, expired or its token revoked. */
export async function currentSession(c: Context<DashboardEnv>): Promise<ActiveSession | null> {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value) return null;
  const key = await sessionKey(c.env.ADMIN_TOKENS);
  const payload = await decodeSession(key, value, Math.floor(Date.now() / 1000));
  return payload ? resolveSession(key, payload, c.env.ADMIN_TOKENS) : null;
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
