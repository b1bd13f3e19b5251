import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postureProblems } from "../../src/config/production-posture.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

const STRONG = "s3cure-editor-token-0123456789abcdef";
const DEV_VARS = {
  SUPABASE_JWT_SECRET: "dev-jwt-secret",
  ADMIN_TOKENS: `editor:dev-editor-token,viewer:dev-viewer-token,editor:${STRONG},viewer:short-token`,
};

function as(environment: string, vars: Partial<Env> = {}): Env {
  return { ...env, ...DEV_VARS, ENVIRONMENT: environment, ...vars };
}

function signInForm(token: string, target: Env): Promise<Response> {
  return api("/admin/login", {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://quiz.test" },
    body: new URLSearchParams({ token }).toString(),
    env: target,
  });
}

describe("ENVIRONMENT=production", () => {
  it("refuses the development admin tokens and short ones, at the API and the dashboard", async () => {
    for (const token of ["dev-editor-token", "dev-viewer-token", "short-token"]) {
      await expectProblem(await api("/api/admin/config", { headers: bearer(token), env: as("production") }), 401);
      expect((await signInForm(token, as("production"))).status).toBe(401);
      // The same tokens work in development, as .dev.vars.example intends.
      expect((await api("/api/admin/config", { headers: bearer(token), env: as("development") })).status).toBe(200);
    }
    expect((await api("/api/admin/config", { headers: bearer(STRONG), env: as("production") })).status).toBe(200);
    expect((await signInForm(STRONG, as("production"))).status).toBe(303);
  });

  it("refuses learner tokens signed with the development secret", async () => {
    const token = await learnerToken(`posture-${crypto.randomUUID()}`, { secret: "dev-jwt-secret" });
    await expectProblem(await api("/api/me/stats", { headers: bearer(token), env: as("production") }), 503);
    expect((await api("/api/me/stats", { headers: bearer(token), env: as("development") })).status).toBe(200);
    const strong = "a-production-jwt-secret-of-44-characters-xx";
    const signed = await learnerToken(`posture-${crypto.randomUUID()}`, { secret: strong });
    const res = await api("/api/me/stats", {
      headers: bearer(signed),
      env: as("production", { SUPABASE_JWT_SECRET: strong }),
    });
    expect(res.status).toBe(200);
  });

  it("turns the development sign-in off, even without SUPABASE_URL", async () => {
    const target = as("production", { SUPABASE_URL: "" });
    const res = await api("/auth/dev", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://quiz.test" },
      body: "",
      env: target,
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await (await api("/signin", { env: target })).text()).not.toContain('action="/auth/dev"');
  });

  it("lists each wrong setting by name and code, and nothing outside production", () => {
    const vars = {
      ...DEV_VARS,
      ENVIRONMENT: "production",
      SUPABASE_URL: "",
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
      UPSTASH_REDIS_REST_TOKEN: "dev-upstash-token",
      SCRAPER_ALLOWED_PRIVATE_HOSTS: "127.0.0.1,localhost",
    };
    expect(postureProblems(vars)).toEqual([
      { setting: "SUPABASE_JWT_SECRET", problem: "development_value" },
      { setting: "SUPABASE_URL", problem: "missing" },
      { setting: "ADMIN_TOKENS", problem: "development_value" },
      { setting: "UPSTASH_REDIS_REST_TOKEN", problem: "development_value" },
      { setting: "UPSTASH_REDIS_REST_URL", problem: "not_https" },
      { setting: "SCRAPER_ALLOWED_PRIVATE_HOSTS", problem: "set" },
    ]);
    expect(postureProblems({ ...vars, ENVIRONMENT: "development" })).toEqual([]);
    expect(
      postureProblems({
        ENVIRONMENT: "production",
        SUPABASE_JWKS_URL: "https://p.supabase.co/auth/v1/.well-known/jwks.json",
        SUPABASE_URL: "https://p.supabase.co",
        ADMIN_TOKENS: `editor:${STRONG}`,
      }),
    ).toEqual([]);
  });
});
