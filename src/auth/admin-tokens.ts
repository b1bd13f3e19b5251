import { createMiddleware } from "hono/factory";
import type { JWTVerifyGetKey } from "jose";
import { usableSecret } from "../config/production-posture.ts";
import type { AppEnv } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import { ACCESS_HEADER, accessConfig, verifyAccessJwt } from "./access-jwt.ts";
import { ADMIN_ROLES, type AdminRole, ROLE_RANK } from "./admin-roles.ts";
import { bearerToken } from "./learner-jwt.ts";
import { guardedAttempt, guardKeys } from "./sign-in-guard.ts";

export interface AdminToken {
  role: AdminRole;
  token: string;
}

/** Parses the `ADMIN_TOKENS` secret: comma-separated `role:token` entries; malformed ones are ignored. */
export function parseAdminTokens(secret: string | undefined): AdminToken[] {
  return (secret ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .flatMap((entry) => {
      const at = entry.indexOf(":");
      const role = entry.slice(0, at);
      const token = entry.slice(at + 1);
      return at > 0 && token.length > 0 && (ADMIN_ROLES as readonly string[]).includes(role)
        ? [{ role: role as AdminRole, token }]
        : [];
    });
}

/**
 * The admin tokens this deployment accepts: ADMIN_TOKENS, without (in production) the
 * development tokens and any shorter than 32 characters.
 */
export function configuredAdminTokens(env: Pick<Env, "ADMIN_TOKENS" | "ENVIRONMENT">): AdminToken[] {
  return parseAdminTokens(env.ADMIN_TOKENS).filter((entry) => usableSecret(env, entry.token));
}

/** Compares two strings in time that depends only on their lengths, via SHA-256 digests. */
async function timingSafeEqual(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", enc.encode(a)),
    crypto.subtle.digest("SHA-256", enc.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** The role a presented token grants, checking every configured token so timing reveals nothing. */
export async function roleForToken(presented: string, tokens: AdminToken[]): Promise<AdminRole | null> {
  let role: AdminRole | null = null;
  for (const entry of tokens) {
    if ((await timingSafeEqual(presented, entry.token)) && role !== "editor") role = entry.role;
  }
  return role;
}

/**
 * Guards admin routes: no or unknown token is 401, a role below `minimum` is 403, and a client
 * address with too many wrong tokens in a row is locked out (429, see sign-in-guard.ts). With
 * Cloudflare Access configured, a verified Access JWT names the person (its email) and, for
 * emails ACCESS_ADMINS maps to a role, stands in for a token.
 */
export function requireAdmin(minimum: AdminRole, options: { accessKeys?: JWTVerifyGetKey } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const challenge = { "www-authenticate": 'Bearer realm="admin"' };
    const access = accessConfig(c.env);
    const assertion = c.req.header(ACCESS_HEADER);
    const person = access && assertion ? await verifyAccessJwt(assertion, access, options.accessKeys) : null;
    const token = bearerToken(c.req.header("authorization"));
    let role: AdminRole | null;
    if (token) {
      const keys = guardKeys(c.req.header("cf-connecting-ip"));
      role = await guardedAttempt(c.env.SIGN_IN_GUARD, keys, () => roleForToken(token, configuredAdminTokens(c.env)));
      if (!role) throw new AppError("unauthorized", "the admin token is not valid", { headers: challenge });
    } else if (person) {
      role = person.role;
      if (!role) throw new AppError("forbidden", `${person.email} has no admin role (ACCESS_ADMINS)`);
    } else {
      throw new AppError("unauthorized", "an admin token is required", { headers: challenge });
    }
    if (ROLE_RANK[role] < ROLE_RANK[minimum]) {
      throw new AppError("forbidden", `this action needs the ${minimum} role; the token has ${role}`);
    }
    c.set("admin", { role, name: token ? `${role}-token` : `${role}-access`, person: person?.email ?? null });
    await next();
  });
}
