import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
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

function keySource(env: Pick<Env, "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL">): KeySource {
  if (env.SUPABASE_JWKS_URL) {
    let set = jwksByUrl.get(env.SUPABASE_JWKS_URL);
    if (!set) {
      set = createRemoteJWKSet(new URL(env.SUPABASE_JWKS_URL), { timeoutDuration: 3000, cooldownDuration: 30_000 });
      jwksByUrl.set(env.SUPABASE_JWKS_URL, set);
    }
    return set;
  }
  if (!env.SUPABASE_JWT_SECRET) throw new AppError("unavailable", "learner authentication is not configured");
  return new TextEncoder().encode(env.SUPABASE_JWT_SECRET);
}

/**
 * Verifies a Supabase access token: HS256 with the project secret, or RS256/ES256 keys from
 * the JWKS URL when one is configured. Any failure is a 401; the reason stays generic.
 */
export async function verifyLearnerToken(
  token: string,
  env: Pick<Env, "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL">,
): Promise<Learner> {
  const key = keySource(env);
  let payload: JWTPayload;
  try {
    const result =
      key instanceof Uint8Array
        ? await jwtVerify(token, key, { algorithms: ["HS256"] })
        : await jwtVerify(token, key, { algorithms: ["RS256", "ES256", "EdDSA"] });
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
