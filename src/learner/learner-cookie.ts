import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { decodeJwt } from "jose";
import { type Learner, verifyLearnerToken } from "../auth/learner-jwt.ts";
import { AppError } from "../http/problem.ts";

/**
 * The learner's access token lives in this cookie, never in a page or in script reach:
 * HttpOnly, Secure, SameSite=Lax (a link from elsewhere still arrives signed in; cross-site
 * POSTs are refused by the same-origin rule), `__Host-` so only this exact origin sets it.
 * It is verified on every request exactly as a bearer token is.
 */
export const LEARNER_COOKIE = "__Host-learner_token";

/** A token is kept at most this long, even when it claims a later expiry. */
const MAX_COOKIE_S = 7 * 24 * 3600;

export interface SignedInLearner {
  learner: Learner;
  /** Sent as the bearer token when the pages call the API for this learner. */
  token: string;
}

/** Verifies `token` and stores it in the cookie for as long as it is valid. */
export async function keepLearnerToken<E extends { Bindings: Env }>(c: Context<E>, token: string): Promise<Learner> {
  const learner = await verifyLearnerToken(token, c.env);
  const { exp } = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  const maxAge = Math.min(MAX_COOKIE_S, typeof exp === "number" ? exp - now : MAX_COOKIE_S);
  if (maxAge <= 0) throw new AppError("unauthorized", "the token has expired");
  setCookie(c, LEARNER_COOKIE, token, { path: "/", httpOnly: true, secure: true, sameSite: "Lax", maxAge });
  return learner;
}

export function forgetLearnerToken(c: Context): void {
  deleteCookie(c, LEARNER_COOKIE, { path: "/", secure: true });
}

/**
 * The learner of the cookie, or null when there is none. A token that no longer verifies
 * (expired, rotated secret) is dropped and reported as `expired`, so the page can say so.
 */
export async function signedInLearner<E extends { Bindings: Env }>(
  c: Context<E>,
): Promise<{ signedIn: SignedInLearner | null; expired: boolean }> {
  const token = getCookie(c, LEARNER_COOKIE);
  if (!token) return { signedIn: null, expired: false };
  try {
    return { signedIn: { learner: await verifyLearnerToken(token, c.env), token }, expired: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "unauthorized") throw error;
    forgetLearnerToken(c);
    return { signedIn: null, expired: true };
  }
}
