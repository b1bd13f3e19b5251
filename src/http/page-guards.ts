import { createMiddleware } from "hono/factory";
import { AppError } from "./problem.ts";

/**
 * The Content-Security-Policy of every server-rendered page (the admin dashboard and the learner
 * app): scripts and styles only from this origin (none inline), no framing, forms only to this
 * origin, so a stored value that somehow reached a page as markup still could not run.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** The CSP and the other hardening headers; pages are not cached unless a route says otherwise. */
export const pageSecurityHeaders = createMiddleware(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("content-security-policy", PAGE_CSP);
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
 * host. This also guards sign-in forms (login CSRF).
 */
export const sameOriginPosts = createMiddleware(async (c, next) => {
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
