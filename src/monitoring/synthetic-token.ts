import { SignJWT } from "jose";
import { type LearnerAuthEnv, withLearnerClaims } from "../auth/learner-jwt.ts";

/** The synthetic check's learner: it only opens the signed-in dashboard page, never plays as itself. */
export const SYNTHETIC_LEARNER = "synthetic-monitor";

/**
 * A short-lived access token for the check's sign-in step, signed with the project secret the
 * Worker verifies (HS256). With asymmetric keys (JWKS) the Worker cannot mint one: the step
 * then checks the anonymous home page instead.
 */
export async function syntheticToken(
  env: Pick<Env, "SUPABASE_JWT_SECRET" | "SUPABASE_JWKS_URL"> & Partial<LearnerAuthEnv>,
): Promise<string | null> {
  if (env.SUPABASE_JWKS_URL || !env.SUPABASE_JWT_SECRET) return null;
  const jwt = new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" }).setSubject(SYNTHETIC_LEARNER);
  return withLearnerClaims(jwt.setIssuedAt().setExpirationTime("2m"), env).sign(
    new TextEncoder().encode(env.SUPABASE_JWT_SECRET),
  );
}
