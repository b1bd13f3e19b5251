import { SignJWT } from "jose";

/** Matches the SUPABASE_JWT_SECRET binding of vitest.config.ts. */
export const TEST_JWT_SECRET = "test-jwt-secret";
export const EDITOR_TOKEN = "test-editor-token";
export const VIEWER_TOKEN = "test-viewer-token";

/** A Supabase-style HS256 access token for `sub`. */
export async function learnerToken(
  sub: string,
  options: {
    secret?: string;
    expiresIn?: string | number;
    omitSub?: boolean;
    metadata?: Record<string, unknown>;
    /** Default "authenticated", the audience the Worker expects; null leaves `aud` out. */
    audience?: string | null;
    issuer?: string;
  } = {},
): Promise<string> {
  const claims = { role: "authenticated", email: `${sub}@example.test` };
  const jwt = new SignJWT(options.metadata ? { ...claims, user_metadata: options.metadata } : claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h");
  if (!options.omitSub) jwt.setSubject(sub);
  if (options.audience !== null) jwt.setAudience(options.audience ?? "authenticated");
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
