import { ADMIN_ROLES, type AdminRole, ROLE_RANK } from "../auth/admin-roles.ts";
import type { AdminToken } from "../auth/admin-tokens.ts";

/**
 * Dashboard sessions are stateless, HMAC-signed cookies: `<payload>.<signature>`, both
 * base64url. The payload never holds the admin token, only an HMAC fingerprint of it, so the
 * role is looked up again on every request: removing a token from ADMIN_TOKENS ends its
 * sessions at once, and a stolen cookie reveals nothing about the token.
 *
 * The signing key is derived from ADMIN_TOKENS itself, so rotating the tokens also signs
 * everyone out; forging a session needs every configured token.
 *
 * Signing out revokes the session's id in CONFIG_KV until the cookie would have expired, so a
 * copy of the cookie dies with it (at once in this location, within KV's 60 s elsewhere).
 */

/** `__Host-` keeps the cookie on this exact origin, over HTTPS (browsers treat localhost as secure). */
export const SESSION_COOKIE = "__Host-admin_session";
export const SESSION_TTL_S = 8 * 3600;

export interface SessionPayload {
  /** Random per sign-in; the CSRF token is derived from it. */
  sid: string;
  /** HMAC of the admin token that signed in. */
  fp: string;
  /** The person, as typed at sign-in (optional, for the audit trail). */
  name: string | null;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface ActiveSession {
  payload: SessionPayload;
  role: AdminRole;
  /** The configured admin token the session stands for; used server-side only. */
  token: string;
  csrf: string;
}

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** The HMAC key for sessions, fingerprints and CSRF tokens. */
export function sessionKey(adminTokens: string | undefined): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(`edge-quiz/dashboard-session/v1\n${adminTokens ?? ""}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

async function mac(key: CryptoKey, purpose: string, message: string): Promise<string> {
  return base64url(await crypto.subtle.sign("HMAC", key, encoder.encode(`${purpose}:${message}`)));
}

/** Equal-length comparison whose time does not depend on where the strings differ. */
function sameString(a: string, b: string): boolean {
  const [x, y] = [encoder.encode(a), encoder.encode(b)];
  if (x.byteLength !== y.byteLength) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}

export function tokenFingerprint(key: CryptoKey, token: string): Promise<string> {
  return mac(key, "token", token);
}

/** The session's CSRF token, sent back in a hidden field of every dashboard form. */
export function csrfTokenFor(key: CryptoKey, sid: string): Promise<string> {
  return mac(key, "csrf", sid);
}

export function csrfMatches(expected: string, presented: unknown): boolean {
  return typeof presented === "string" && sameString(expected, presented);
}

export async function encodeSession(key: CryptoKey, payload: SessionPayload): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  return `${body}.${await mac(key, "session", body)}`;
}

/** The payload of a well-signed, unexpired cookie value, or null. */
export async function decodeSession(key: CryptoKey, value: string, nowS: number): Promise<SessionPayload | null> {
  const [body, signature, extra] = value.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const sigBytes = fromBase64url(signature);
  if (!sigBytes) return null;
  const valid = await crypto.subtle.verify("HMAC", key, sigBytes, encoder.encode(`session:${body}`));
  if (!valid) return null;
  try {
    const bytes = fromBase64url(body);
    const payload = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as SessionPayload) : null;
    return payload && typeof payload.exp === "number" && payload.exp > nowS ? payload : null;
  } catch {
    return null;
  }
}

/**
 * The configured token (and its role) whose fingerprint a session carries; every entry is
 * checked so timing says nothing about which one matched. Null once the token is gone.
 */
export async function resolveSession(
  key: CryptoKey,
  payload: SessionPayload,
  tokens: AdminToken[],
): Promise<ActiveSession | null> {
  let match: { role: AdminRole; token: string } | null = null;
  for (const entry of tokens) {
    const same = sameString(await tokenFingerprint(key, entry.token), payload.fp);
    if (same && (!match || ROLE_RANK[entry.role] > ROLE_RANK[match.role])) match = entry;
  }
  if (!match || !ADMIN_ROLES.includes(match.role)) return null;
  return { payload, role: match.role, token: match.token, csrf: await csrfTokenFor(key, payload.sid) };
}

const REVOKED_PREFIX = "dashboard:revoked-session:";

/** Ends a session for good, whoever holds a copy of its cookie. */
export async function revokeSession(kv: KVNamespace, payload: SessionPayload, nowS: number): Promise<void> {
  // KV's shortest expiry is 60 s; a session past its own expiry is refused anyway.
  await kv.put(`${REVOKED_PREFIX}${payload.sid}`, String(nowS), { expirationTtl: Math.max(60, payload.exp - nowS) });
}

export async function isRevoked(kv: KVNamespace, sid: string): Promise<boolean> {
  return (await kv.get(`${REVOKED_PREFIX}${sid}`)) !== null;
}

/** Sanitises the optional name typed at sign-in: printable, short, no markup characters. */
export function cleanPersonName(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const name = raw
    .replace(/[^\p{L}\p{N} .@+_'-]/gu, "")
    .trim()
    .slice(0, 80);
  return name.length > 0 ? name : null;
}
