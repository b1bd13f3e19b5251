import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";

const DEAD_ORIGIN = { connectionString: "postgres://quiz:hunter2@127.0.0.1:1/quiz" } as Hyperdrive;

async function health(vars: Partial<Env>): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await api("/api/health", { env: { ...env, ...vars } });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe("/api/health and the production posture", () => {
  it("reports a misconfigured production deployment by setting and code, never the values", async () => {
    const { status, body, text } = await health({
      ENVIRONMENT: "production",
      SUPABASE_JWT_SECRET: "dev-jwt-secret",
      ADMIN_TOKENS: "editor:dev-editor-token",
      UPSTASH_REDIS_REST_TOKEN: "dev-upstash-token",
    });
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.environment).toBe("production");
    expect(body.configuration).toMatchObject({ status: "misconfigured" });
    const problems = (body.configuration as { problems: { setting: string; problem: string }[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { setting: "SUPABASE_JWT_SECRET", problem: "development_value" },
        { setting: "ADMIN_TOKENS", problem: "development_value" },
        { setting: "UPSTASH_REDIS_REST_TOKEN", problem: "development_value" },
      ]),
    );
    for (const secret of ["dev-jwt-secret", "dev-editor-token", "dev-upstash-token"])
      expect(text).not.toContain(secret);
  });

  it("leaves dependency error texts out in production, keeps them in development", async () => {
    const production = await health({ ENVIRONMENT: "production", ORIGIN: DEAD_ORIGIN });
    const origin = (production.body.dependencies as Record<string, Record<string, unknown>>).origin;
    expect(origin).toMatchObject({ status: "down", required: false });
    expect(origin).not.toHaveProperty("error");
    expect(production.text).not.toContain("127.0.0.1");
    const development = await health({ ENVIRONMENT: "development", ORIGIN: DEAD_ORIGIN });
    expect((development.body.dependencies as Record<string, { error?: string }>).origin?.error).toBeTruthy();
    expect(development.body.configuration).toEqual({ status: "ok", problems: [] });
  });
});
