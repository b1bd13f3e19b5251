import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyLearnerToken } from "../../src/auth/learner-jwt.ts";
import { LEARNER_COOKIE } from "../../src/learner/learner-cookie.ts";
import { DEV_LEARNER } from "../../src/learner/sign-in.ts";
import { cookieFrom, envWith, page } from "../helpers/learner.ts";
import { learnerToken } from "../helpers/tokens.ts";

async function devSignIn(): Promise<string> {
  const res = await page("/auth/dev", { form: {} });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/dashboard");
  const cookie = cookieFrom(res, LEARNER_COOKIE);
  if (!cookie) throw new Error("no learner cookie");
  return cookie;
}

describe("development sign-in (no SUPABASE_URL)", () => {
  it("the GitHub button posts to the development sign-in", async () => {
    const html = await (await page("/signin")).text();
    expect(html).toMatch(/<form method="post" action="\/auth\/dev">[\s\S]*data-test="login-github"/);
  });

  it("signs in at once with a token signed by the development secret, kept in an HttpOnly, Secure, SameSite cookie", async () => {
    const res = await page("/auth/dev", { form: {} });
    const header = res.headers.getSetCookie().find((c) => c.startsWith(`${LEARNER_COOKIE}=`)) ?? "";
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    const token = (cookieFrom(res, LEARNER_COOKIE) ?? "").split("=")[1] ?? "";
    const learner = await verifyLearnerToken(token, env);
    expect(learner.id).toBe(DEV_LEARNER.id);
  });

  it("lands on the dashboard, signed in; the token never appears in a page", async () => {
    const cookie = await devSignIn();
    const res = await page("/dashboard", { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(DEV_LEARNER.email);
    expect(html).toContain('data-test="start-quiz"');
    expect(html).not.toContain(cookie.split("=")[1]);
  });

  it("the dashboard sends anonymous visitors to the sign-in page", async () => {
    const res = await page("/dashboard");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin");
  });

  it("is refused when ENVIRONMENT=production, and when Supabase is configured", async () => {
    for (const overrides of [{ ENVIRONMENT: "production" }, { SUPABASE_URL: "https://abc.supabase.co" }]) {
      const res = await page("/auth/dev", { form: {}, env: envWith(overrides) });
      expect(res.status).toBe(403);
      expect(cookieFrom(res, LEARNER_COOKIE)).toBeNull();
    }
    const html = await (await page("/signin", { env: envWith({ ENVIRONMENT: "production" }) })).text();
    expect(html).not.toContain('data-test="login-github"');
  });

  it("refuses a cross-site sign-in post (login CSRF)", async () => {
    const res = await page("/auth/dev", { form: {}, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(cookieFrom(res, LEARNER_COOKIE)).toBeNull();
  });

  it("signs out by clearing the cookie", async () => {
    const cookie = await devSignIn();
    const res = await page("/auth/signout", { cookie, form: {} });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${LEARNER_COOKIE}=`))).toMatch(/Max-Age=0/);
  });
});

describe("Supabase sign-in (SUPABASE_URL set)", () => {
  const supabase = envWith({ SUPABASE_URL: "https://abc.supabase.co" });

  it("the GitHub button goes to Supabase Auth with this site's callback", async () => {
    const html = await (await page("/signin", { env: supabase })).text();
    const href = /<a class="button primary github" href="([^"]+)" data-test="login-github"/.exec(html)?.[1];
    const url = new URL((href ?? "").replaceAll("&amp;", "&"));
    expect(url.origin + url.pathname).toBe("https://abc.supabase.co/auth/v1/authorize");
    expect(url.searchParams.get("provider")).toBe("github");
    expect(url.searchParams.get("redirect_to")).toBe("http://quiz.test/auth/callback");
  });

  it("the callback page hands the fragment's token over with a same-origin script, no inline code", async () => {
    const res = await page("/auth/callback", { env: supabase });
    const html = await res.text();
    expect(html).toContain('<form id="token-handoff" method="post" action="/auth/session">');
    expect(html).toMatch(/<script src="\/assets\/learner.js" defer=""><\/script>/);
    expect(html).not.toMatch(/<script>/);
  });

  it("keeps a valid access token in the cookie and verifies it as a bearer token", async () => {
    const token = await learnerToken("supabase-user-1", { issuer: "https://abc.supabase.co/auth/v1" });
    const res = await page("/auth/session", { form: { access_token: token }, env: supabase });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const cookie = cookieFrom(res, LEARNER_COOKIE) ?? "";
    expect(cookie).toBe(`${LEARNER_COOKIE}=${token}`);
    const html = await (await page("/dashboard", { cookie, env: supabase })).text();
    expect(html).toContain("supabase-user-1@example.test");
  });

  it("refuses a forged or expired token (401, no cookie) and reports a provider error", async () => {
    for (const token of [await learnerToken("x", { secret: "wrong" }), await learnerToken("x", { expiresIn: -10 })]) {
      const res = await page("/auth/session", { form: { access_token: token }, env: supabase });
      expect(res.status).toBe(401);
      expect(cookieFrom(res, LEARNER_COOKIE)).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    }
    const denied = await page("/auth/session", { form: { access_token: "", error: "access_denied" }, env: supabase });
    expect(denied.headers.get("location")).toBe("/signin?error=access_denied");
    expect(await (await page("/signin?error=access_denied", { env: supabase })).text()).toContain("access_denied");
  });

  it("a cookie whose token has expired is dropped and the learner is told", async () => {
    const cookie = `${LEARNER_COOKIE}=${await learnerToken("x", { expiresIn: -10 })}`;
    const res = await page("/", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${LEARNER_COOKIE}=`))).toMatch(/Max-Age=0/);
    expect(await res.text()).toContain("Your sign-in has ended");
  });
});
