import { SignJWT } from "jose";
import { type LearnerAuthEnv, withLearnerClaims } from "../auth/learner-jwt.ts";

/** The one learner the development sign-in signs in as, so a person's progress survives sign-outs. */
export const DEV_LEARNER = { id: "dev-learner", email: "dev-learner@localhost", name: "Dev Learner" } as const;
const DEV_TOKEN_TTL = "8h";

type AuthEnv = Pick<Env, "SUPABASE_URL" | "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL"> & { ENVIRONMENT: string };

/**
 * How the GitHub button signs in: through Supabase Auth when `SUPABASE_URL` is set; otherwise,
 * outside production and with a development secret to sign with, at once as the development
 * learner; otherwise not at all.
 */
export function signInMode(env: AuthEnv): "supabase" | "development" | "none" {
  if (env.SUPABASE_URL) return "supabase";
  if (env.ENVIRONMENT === "production" || env.SUPABASE_JWKS_URL || !env.SUPABASE_JWT_SECRET) return "none";
  return "development";
}

/** Supabase Auth's OAuth entry for GitHub; it comes back to `redirectTo` with the tokens in the fragment. */
export function supabaseAuthorizeUrl(supabaseUrl: string, redirectTo: string): string {
  const url = new URL("/auth/v1/authorize", supabaseUrl);
  url.searchParams.set("provider", "github");
  url.searchParams.set("redirect_to", redirectTo);
  return url.toString();
}

/** A Supabase-shaped access token for the development learner, signed with the development secret. */
export function devLearnerToken(env: LearnerAuthEnv): Promise<string> {
  const jwt = new SignJWT({
    role: "authenticated",
    email: DEV_LEARNER.email,
    user_metadata: { full_name: DEV_LEARNER.name },
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(DEV_LEARNER.id)
    .setIssuedAt()
    .setExpirationTime(DEV_TOKEN_TTL);
  return withLearnerClaims(jwt, env).sign(new TextEncoder().encode(env.SUPABASE_JWT_SECRET));
}
