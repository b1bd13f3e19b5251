import { AppError } from "../http/problem.ts";
import type { GuardTotals, GuardVerdict } from "./sign-in-guard-object.ts";

type GuardNamespace = Env["SIGN_IN_GUARD"];

/** What an attempt is counted against: the client address always, an account name when one is given. */
export function guardKeys(clientIp: string | undefined, account?: string | null): string[] {
  const keys = [`ip:${clientIp?.trim() || "unknown"}`];
  if (account) keys.push(`account:${account.toLowerCase()}`);
  return keys;
}

/** The 429 of a locked key; `Retry-After` says when the lock ends. */
export class SignInLocked extends AppError {
  constructor(readonly retryAfterS: number) {
    super("rate_limited", `too many failed sign-ins; try again in ${retryAfterS} s`, {
      headers: { "retry-after": String(retryAfterS) },
    });
  }
}

/**
 * Runs one credential check under the lock of `keys`: refused with SignInLocked while any key is
 * locked (before the credential is even looked at, so a lock also hides whether a guess was
 * right); a failure (null) is counted against every key and in the totals; a success clears the
 * keys' failures. The guard being unreachable fails closed (503), since an unguarded sign-in is
 * what this exists to prevent.
 */
export async function guardedAttempt<T>(
  namespace: GuardNamespace,
  keys: string[],
  attempt: () => Promise<T | null>,
  now = Date.now(),
): Promise<T | null> {
  const stubs = keys.map((key) => namespace.get(namespace.idFromName(key)));
  const before = await reach(() => Promise.all(stubs.map((stub) => stub.check(now))));
  const wait = Math.max(...before.map((v) => v.retryAfterS));
  if (wait > 0) throw new SignInLocked(wait);
  const result = await attempt();
  if (result === null) {
    const after = await reach(() => Promise.all(stubs.map((stub) => stub.fail(now))));
    const locks = after.filter((v) => v.lockStarted).length;
    await reach(() => totalsObject(namespace).tally(1, locks, now));
  } else if (before.some((v: GuardVerdict) => v.failures > 0)) {
    await reach(() => Promise.all(stubs.map((stub) => stub.succeed())));
  }
  return result;
}

function totalsObject(namespace: GuardNamespace) {
  return namespace.get(namespace.idFromName("totals"));
}

/** Failed sign-ins and locks since the first one, for the dashboard. */
export function signInTotals(namespace: GuardNamespace): Promise<GuardTotals> {
  return totalsObject(namespace).totals();
}

async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AppError("unavailable", "the sign-in guard cannot be reached; retry shortly", {
      headers: { "retry-after": "5" },
      cause: error,
    });
  }
}
