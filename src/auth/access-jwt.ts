import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import { AppError } from "../http/problem.ts";
import type { AdminRole } from "./admin-roles.ts";

/**
 * Cloudflare Access in front of the admin routes: Access signs every request it lets through
 * with a JWT in `Cf-Access-Jwt-Assertion` (RS256, keys at `<team domain>/cdn-cgi/access/certs`,
 * audience = the application's AUD tag). Verified here with jose, it names the person behind
 * a change and, when `ACCESS_ADMINS` maps their email to a role, signs them in without a token.
 */
export const ACCESS_HEADER = "cf-access-jwt-assertion";

export interface AccessConfig {
  /** e.g. `https://myteam.cloudflareaccess.com`; empty disables Access. */
  teamDomain: string;
  /** The Access application's audience tag. */
  audience: string;
  /** `role:email` entries; `role:*@example.com` matches a whole domain. */
  admins: string;
}

export interface AccessIdentity {
  email: string;
  /** The role ACCESS_ADMINS grants this email, or null. */
  role: AdminRole | null;
}

export function accessConfig(env: Partial<Record<"ACCESS_TEAM_DOMAIN" | "ACCESS_AUD" | "ACCESS_ADMINS", string>>) {
  const config: AccessConfig = {
    teamDomain: (env.ACCESS_TEAM_DOMAIN ?? "").trim().replace(/\/+$/, ""),
    audience: (env.ACCESS_AUD ?? "").trim(),
    admins: env.ACCESS_ADMINS ?? "",
  };
  return config.teamDomain && config.audience ? config : null;
}

// One JWKS per team domain for the isolate's life; jose caches the keys and refetches on an unknown kid.
const jwksByDomain = new Map<string, JWTVerifyGetKey>();

function remoteKeys(teamDomain: string): JWTVerifyGetKey {
  let keys = jwksByDomain.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${teamDomain}/cdn-cgi/access/certs`), {
      timeoutDuration: 3000,
      cooldownDuration: 30_000,
    });
    jwksByDomain.set(teamDomain, keys);
  }
  return keys;
}

/** The role `admins` grants an email: the highest of its exact and domain-wide entries. */
export function roleForEmail(email: string, admins: string): AdminRole | null {
  const lower = email.toLowerCase();
  let role: AdminRole | null = null;
  for (const entry of admins.split(",")) {
    const at = entry.indexOf(":");
    const [granted, pattern] = [
      entry.slice(0, at).trim(),
      entry
        .slice(at + 1)
        .trim()
        .toLowerCase(),
    ];
    if (granted !== "viewer" && granted !== "editor") continue;
    const matches = pattern.startsWith("*@") ? lower.endsWith(pattern.slice(1)) : lower === pattern;
    if (matches && role !== "editor") role = granted;
  }
  return role;
}

/** Verifies an Access JWT; any failure is a 401 whose detail stays generic. */
export async function verifyAccessJwt(
  token: string,
  config: AccessConfig,
  keys: JWTVerifyGetKey = remoteKeys(config.teamDomain),
): Promise<AccessIdentity> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: config.teamDomain,
      audience: config.audience,
      algorithms: ["RS256"],
    });
    if (typeof payload.email !== "string" || !payload.email) throw new Error("no email");
    return { email: payload.email, role: roleForEmail(payload.email, config.admins) };
  } catch {
    throw new AppError("unauthorized", "the Cloudflare Access token is not valid");
  }
}
