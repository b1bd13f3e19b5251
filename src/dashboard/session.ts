import { type AdminRole, parseAdminTokens, roleForToken } from "../auth/admin-tokens.ts";

export const SESSION_COOKIE = "admin_session";
const SESSION_TTL_S = 8 * 3600;

export interface AdminSession {
  role: AdminRole;
  /** Identifies the token without containing it, so revoking the token ends the session. */
  tokenId: string;
  /** Per-session token every dashboard form carries (CSRF). */
  csrf: string;
  expires: number;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** The signing key derives from the configured tokens: rotating ADMIN_TOKENS ends every session. */
async function signingKey(secret: string): Promise<CryptoKey> {
  const raw = await sha256(`dashboard-session:${secret}`);
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function tokenId(token: string): Promise<string> {
  return base64url((await sha256(token)).slice(0, 12));
}

/** Signs in with an admin token: a session for its role, or null for an unknown token. */
export async function createSession(token: string, secret: string, now = Date.now()): Promise<AdminSession | null> {
  const role = await roleForToken(token, secret);
  if (!role) return null;
  return {
    role,
    tokenId: await tokenId(token),
    csrf: base64url(crypto.getRandomValues(new Uint8Array(18))),
    expires: Math.floor(now / 1000) + SESSION_TTL_S,
  };
}

export async function encodeSession(session: AdminSession, secret: string): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(session)));
  const signature = await crypto.subtle.sign("HMAC", await signingKey(secret), encoder.encode(payload));
  return `${payload}.${base64url(new Uint8Array(signature))}`;
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** A session from its cookie: signature, expiry and a still-configured token are all required. */
export async function decodeSession(
  cookie: string | undefined,
  secret: string,
  now = Date.now(),
): Promise<AdminSession | null> {
  if (!cookie) return null;
  const [payload, signature] = cookie.split(".");
  if (!payload || !signature) return null;
  try {
    const valid = await crypto.subtle.verify(
      "HMAC",
      await signingKey(secret),
      fromBase64url(signature),
      encoder.encode(payload),
    );
    if (!valid) return null;
    const session = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as AdminSession;
    if (session.expires * 1000 < now) return null;
    const ids = await Promise.all(parseAdminTokens(secret).map((t) => tokenId(t.token)));
    return ids.includes(session.tokenId) ? session : null;
  } catch {
    return null;
  }
}
