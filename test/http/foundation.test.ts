import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

const BASE = "http://quiz.test";

describe("health", () => {
  it("reports every dependency ok with latencies", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as {
      status: string;
      dependencies: Record<string, { status: string; latencyMs: number }>;
    };
    expect(body.status).toBe("ok");
    expect(Object.keys(body.dependencies).sort()).toEqual(["d1", "kv", "origin", "queues", "r2"]);
    for (const dep of Object.values(body.dependencies)) {
      expect(dep.status).toBe("ok");
      expect(dep.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("keeps a well-formed incoming request id", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`, { headers: { "x-request-id": "trace-0123456789" } });
    expect(res.headers.get("x-request-id")).toBe("trace-0123456789");
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document describing the routes", async () => {
    const res = await SELF.fetch(`${BASE}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.paths["/api/health"]).toBeDefined();
  });

  it("is self-consistent: every $ref resolves and every operation documents its responses", async () => {
    const doc = (await (await SELF.fetch(`${BASE}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown>; operationId?: string }>>;
      components: Record<string, Record<string, unknown>>;
    };
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, section, name] = /#\/components\/([^/]+)\/([^"]+)"/.exec(ref) ?? [];
      expect(doc.components[section as string]?.[name as string], ref).toBeDefined();
    }
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
  });

  it("serves the API reference page", async () => {
    const res = await SELF.fetch(`${BASE}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain('<div id="swagger-ui">');
  });
});

describe("errors are problem+json", () => {
  it("404 for an unknown route", async () => {
    const body = await expectProblem(await SELF.fetch(`${BASE}/api/nope`), 404);
    expect(body.instance).toBe("/api/nope");
  });

  it("405 with Allow for a known path and wrong method", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`, { method: "DELETE" });
    await expectProblem(res, 405);
    expect(res.headers.get("allow")).toContain("GET");
  });

  it("415 for a body that is not JSON", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    await expectProblem(res, 415);
  });

  it("413 for a JSON body over the limit", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(1024 * 1024 + 1) }),
    });
    await expectProblem(res, 413);
  });
});

describe("learner identity", () => {
  it("accepts a valid Supabase JWT", async () => {
    const res = await SELF.fetch(`${BASE}/api/health`, { headers: bearer(await learnerToken("user-1")) });
    expect(res.status).toBe(200);
  });

  it("401 for a token signed with another secret", async () => {
    const token = await learnerToken("user-1", { secret: "not-the-secret" });
    const res = await SELF.fetch(`${BASE}/api/health`, { headers: bearer(token) });
    const body = await expectProblem(res, 401);
    expect(body.detail).toContain("not valid");
  });

  it("401 for an expired token", async () => {
    const token = await learnerToken("user-1", { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const body = await expectProblem(await SELF.fetch(`${BASE}/api/health`, { headers: bearer(token) }), 401);
    expect(body.detail).toContain("expired");
  });

  it("401 for a token without a subject and for a malformed header", async () => {
    const token = await learnerToken("user-1", { omitSub: true });
    await expectProblem(await SELF.fetch(`${BASE}/api/health`, { headers: bearer(token) }), 401);
    await expectProblem(await SELF.fetch(`${BASE}/api/health`, { headers: { authorization: "Basic abc" } }), 401);
  });
});

describe("origin through Hyperdrive", () => {
  it("reaches the seeded Postgres origin", async () => {
    const { openOrigin } = await import("../../src/origin/client.ts");
    const { sql } = openOrigin(env.ORIGIN);
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM questions WHERE status = 'active'`;
    expect(row?.n).toBeGreaterThanOrEqual(500);
    const [version] = await sql<{ v: string }[]>`SELECT version() AS v`;
    expect(version?.v).toContain("PostgreSQL");
  });
});
