import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { afterFailure, LOCK_POLICY, lockSeconds, UNLOCKED } from "../../src/auth/lock-policy.ts";
import { guardedAttempt, guardKeys, SignInLocked, signInTotals } from "../../src/auth/sign-in-guard.ts";
import { BASE } from "../helpers/admin.ts";
import { EDITOR_TOKEN } from "../helpers/tokens.ts";

function configAs(token: string, ip: string): Promise<Response> {
  return SELF.fetch(`${BASE}/api/admin/config`, {
    headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": ip },
  });
}

function signInForm(token: string, ip: string, name?: string): Promise<Response> {
  return SELF.fetch(`${BASE}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "cf-connecting-ip": ip },
    body: new URLSearchParams({ token, ...(name ? { name } : {}) }).toString(),
  });
}

describe("the lock policy", () => {
  it("lets four failures pass, locks from the fifth and doubles the lock up to an hour", () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockSeconds)).toEqual([30, 60, 120, 240]);
    expect(lockSeconds(40)).toBe(LOCK_POLICY.maxLockS);
  });

  it("forgets the failures after a quiet day", () => {
    let state = UNLOCKED;
    for (let i = 0; i < 5; i++) state = afterFailure(state, 1_000);
    expect(state).toEqual({ failures: 5, lockedUntil: 31_000, lastFailure: 1_000 });
    expect(afterFailure(state, 1_000 + 86_401_000)).toMatchObject({ failures: 1, lockedUntil: 0 });
  });
});

describe("admin bearer tokens", () => {
  it("locks an address out after five wrong tokens (429, Retry-After) while another address signs in", async () => {
    const attacker = "198.51.100.7";
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await configAs(`guess-${i}`, attacker);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
      await res.body?.cancel();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(30);
    // The lock holds even for the right token, so it does not tell a guesser which guess was right.
    expect((await configAs(EDITOR_TOKEN, attacker)).status).toBe(429);
    const other = await configAs(EDITOR_TOKEN, "203.0.113.9");
    expect(other.status).toBe(200);
    expect(await other.json()).toHaveProperty("entries");
    // Only the five guesses that were checked count as failures; the 35 refused were never checked.
    expect(await signInTotals(env.SIGN_IN_GUARD)).toMatchObject({ failures: 5, locks: 1 });
  });

  it("doubles the lock with each failure after one runs out, and a success clears it", async () => {
    const keys = guardKeys("192.0.2.44");
    const wrong = async () => null;
    const t0 = Date.UTC(2026, 11, 1, 12);
    for (let i = 0; i < 5; i++) await guardedAttempt(env.SIGN_IN_GUARD, keys, wrong, t0);
    await expect(guardedAttempt(env.SIGN_IN_GUARD, keys, wrong, t0 + 29_000)).rejects.toMatchObject({
      retryAfterS: 1,
    });
    await guardedAttempt(env.SIGN_IN_GUARD, keys, wrong, t0 + 30_000);
    const locked = await guardedAttempt(env.SIGN_IN_GUARD, keys, wrong, t0 + 31_000).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(SignInLocked);
    expect((locked as SignInLocked).retryAfterS).toBe(59);
    expect(await guardedAttempt(env.SIGN_IN_GUARD, keys, async () => "ok", t0 + 90_000)).toBe("ok");
    // Cleared: four more failures are free again.
    for (let i = 0; i < 4; i++) await guardedAttempt(env.SIGN_IN_GUARD, keys, wrong, t0 + 91_000);
    expect(await guardedAttempt(env.SIGN_IN_GUARD, keys, async () => "ok", t0 + 91_000)).toBe("ok");
  });
});

describe("the dashboard sign-in form", () => {
  it("answers 429 with Retry-After after five wrong tokens from an address; another address signs in", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await signInForm(`guess-${i}`, "198.51.100.8");
      statuses.push(res.status);
      if (i === 39) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await res.text()).toContain("too many failed sign-ins");
      } else await res.body?.cancel();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expect((await signInForm(EDITOR_TOKEN, "198.51.100.8")).status).toBe(429);
    expect((await signInForm(EDITOR_TOKEN, "203.0.113.10")).status).toBe(303);
  });

  it("locks an account name guessed at from many addresses, not the others", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signInForm(`guess-${i}`, `198.51.100.${20 + i}`, "Ada")).status).toBe(401);
    }
    const locked = await signInForm(EDITOR_TOKEN, "198.51.100.30", "ada");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBeTruthy();
    expect((await signInForm(EDITOR_TOKEN, "198.51.100.30", "Grace")).status).toBe(303);
  });
});
