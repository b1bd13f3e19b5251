import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type SignJWT } from "jose";
import { usableSecret } from "../config/production-posture.ts";
import { AppError } from "../http/problem.ts";

export interface Learner {
  /** Supabase user id (`sub`). */
  id: string;
  role: string | null;
  email: string | null;
  /** A name from the token's `user_metadata` (full_name, name, user_name, preferred_username), unchecked. */
  name?: string | null;
}

const NAME_FIELDS = ["full_name", "name", "user_name", "preferred_username"] as const;

function metadataName(payload: JWTPayload): string | null {
  const metadata = payload.user_metadata;
  if (!metadata || typeof metadata !== "object") return null;
  for (const field of NAME_FIELDS) {
    const value = (metadata as Record<string, unknown>)[field];
    if (typeof value === "string" && value.trim()) return value;
  }
  return null;
}

type KeySource = Uint8Array | ReturnType<typeof createRemoteJWKSet>;

// A JWKS set caches keys and refetches on unknown `kid`; keep one per URL for the isolate's life.
const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySource(env: LearnerAuthEnv): KeySource {
  if (env.SUPABASE_JWKS_URL) {
    let set = jwksByUrl.get(env.SUPABASE_JWKS_URL);
    if (!set) {
      set = createRemoteJWKSet(new URL(env.SUPABASE_JWKS_URL), { timeoutDuration: 3000, cooldownDuration: 30_000 });
      jwksByUrl.set(env.SUPABASE_JWKS_URL, set);
    }
    return set;
  }
  // In production the development secret counts as none: tokens anyone could sign are refused.
  if (!env.SUPABASE_JWT_SECRET || !usableSecret(env, env.SUPABASE_JWT_SECRET)) {
    throw new AppError("unavailable", "learner authentication is not configured");
  }
  return new TextEncoder().encode(env.SUPABASE_JWT_SECRET);
}

export type LearnerAuthEnv = Pick<
  Env,
  "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL" | "SUPABASE_URL" | "SUPABASE_JWT_AUDIENCE" | "SUPABASE_JWT_ISSUER"
> &
  Partial<Pick<Env, "ENVIRONMENT">>;

/** Supabase puts this audience in every signed-in user's access token. */
export const DEFAULT_LEARNER_AUDIENCE = "authenticated";

/**
 * The `aud` and `iss` a learner token must carry: `SUPABASE_JWT_AUDIENCE` (default
 * `authenticated`), and `SUPABASE_JWT_ISSUER`, else `<SUPABASE_URL>/auth/v1` (Supabase Auth's
 * issuer), else none, since without a project URL there is no issuer to name.
 */
export function learnerClaims(env: Partial<LearnerAuthEnv>): { audience: string; issuer: string | undefined } {
  const supabaseUrl = (env.SUPABASE_URL ?? "").trim().replace(/\/+$/, "");
  return {
    audience: env.SUPABASE_JWT_AUDIENCE?.trim() || DEFAULT_LEARNER_AUDIENCE,
    issuer: env.SUPABASE_JWT_ISSUER?.trim() || (supabaseUrl ? `${supabaseUrl}/auth/v1` : undefined),
  };
}

/** Sets the audience and issuer a token this Worker mints for a learner (development, synthetic) must carry. */
export function withLearnerClaims(jwt: SignJWT, env: Partial<LearnerAuthEnv>): SignJWT {
  const { audience, issuer } = learnerClaims(env);
  jwt.setAudience(audience);
  return issuer ? jwt.setIssuer(issuer) : jwt;
}

/**
 * Verifies a Supabase access token: HS256 with the project secret, or RS256/ES256 keys from
 * the JWKS URL when one is configured, with the audience and issuer of `learnerClaims`. A token
 * signed with the right key for another audience or issuer (another project, another service)
 * is refused. Any failure is a 401; the reason stays generic.
 */
export async function verifyLearnerToken(token: string, env: LearnerAuthEnv): Promise<Learner> {
  const key = keySource(env);
  const claims = learnerClaims(env);
  let payload: JWTPayload;
  try {
    const result =
      key instanceof Uint8Array
        ? await jwtVerify(token, key, { ...claims, algorithms: ["HS256"] })
        : await jwtVerify(token, key, { ...claims, algorithms: ["RS256", "ES256", "EdDSA"] });
    payload = result.payload;
  } catch (error) {
    const detail = error instanceof errors.JWTExpired ? "the token has expired" : "the token is not valid";
    throw new AppError("unauthorized", detail, { headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
  }
  if (typeof payload.sub !== "string" || payload.sub.length === 0) {
    throw new AppError("unauthorized", "the token has no subject", {
      headers: { "www-authenticate": 'Bearer error="invalid_token"' },
    });
  }
  return {
    id: payload.sub,
    role: typeof payload.role === "string" ? payload.role : null,
    email: typeof payload.email === "string" ? payload.email : null,
    name: metadataName(payload),
  };
}

/** The bearer token of an Authorization header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError("unauthorized", "the Authorization header must be 'Bearer <token>'");
  return match[1];
}
