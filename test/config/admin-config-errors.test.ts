import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { changeConfig } from "../../src/config/change-config.ts";
import { type ConfigStore, ConfigVersionConflict } from "../../src/config/config-store.ts";
import { AppError } from "../../src/http/problem.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { expectProblem } from "../helpers/problem.ts";
import { VIEWER_TOKEN } from "../helpers/tokens.ts";

const KEY = "/api/admin/config/ai.min_quality_score";

describe("every admin config route is guarded", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/admin/config"],
    ["GET", KEY],
    ["PUT", KEY, { value: 0.5 }],
    ["DELETE", KEY],
    ["GET", `${KEY}/history`],
    ["POST", `${KEY}/rollback`, { version: 1 }],
  ];

  it.each(routes)("%s %s: 401 without a token, with a challenge", async (method, path, body) => {
    const res = await SELF.fetch(`${BASE}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await expectProblem(res, 401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it.each(routes.filter(([method]) => method !== "GET"))("%s %s: 403 for a viewer", async (method, path, body) => {
    await expectProblem(await adminFetch(path, { method, body, token: VIEWER_TOKEN }), 403);
  });

  it("404s unknown keys on every keyed route", async () => {
    const path = "/api/admin/config/ai.nope";
    await expectProblem(await adminFetch(path, { method: "DELETE" }), 404);
    await expectProblem(await adminFetch(`${path}/history`), 404);
    await expectProblem(await adminFetch(`${path}/rollback`, { method: "POST", body: { version: 1 } }), 404);
    await expectProblem(await adminFetch(`${path}?dry_run=true`, { method: "PUT", body: { value: 1 } }), 404);
  });
});

describe("versions and ETags", () => {
  it("returns the version as ETag and 412s stale If-Match on PUT, DELETE and rollback", async () => {
    const first = await adminFetch(KEY, { method: "PUT", body: { value: 0.5 } });
    expect(first.headers.get("etag")).toBe('"1"');
    expect((await adminFetch(KEY)).headers.get("etag")).toBe('"1"');
    await adminFetch(KEY, { method: "PUT", body: { value: 0.55 }, headers: { "if-match": '"1"' } });

    const stale = { "if-match": '"1"' };
    const put = await adminFetch(KEY, { method: "PUT", body: { value: 0.9 }, headers: stale });
    await expectProblem(put, 412);
    expect(put.headers.get("etag")).toBe('"2"');
    await expectProblem(await adminFetch(KEY, { method: "DELETE", headers: stale }), 412);
    await expectProblem(
      await adminFetch(`${KEY}/rollback`, { method: "POST", body: { version: 1 }, headers: stale }),
      412,
    );
    await expectProblem(
      await adminFetch(KEY, { method: "PUT", body: { value: 0.9 }, headers: { "if-match": "*" } }),
      412,
    );
    // A weak ETag of the current version is accepted.
    const weak = await adminFetch(KEY, { method: "PUT", body: { value: 0.65 }, headers: { "if-match": 'W/"2"' } });
    expect(weak.status).toBe(200);
    expect(await (await adminFetch(KEY)).json()).toMatchObject({ value: 0.65, version: 3 });
  });

  it("a dry run honours If-Match and saves nothing, for non-flag keys too", async () => {
    const res = await adminFetch("/api/admin/config/ai.timeout_ms?dry_run=true", {
      method: "PUT",
      body: { value: 45_000 },
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ dry_run: true, from: 20_000, to: 45_000, changed: true, version: 0 });
    expect(body.flag_decisions).toBeUndefined();
    expect((body.effective as Record<string, unknown>)["ai.timeout_ms"]).toBe(45_000);
    await expectProblem(
      await adminFetch("/api/admin/config/ai.timeout_ms?dry_run=true", {
        method: "PUT",
        body: { value: 45_000 },
        headers: { "if-match": '"7"' },
      }),
      412,
    );
    await expectProblem(
      await adminFetch("/api/admin/config/ai.timeout_ms?dry_run=maybe", { method: "PUT", body: { value: 1 } }),
      400,
    );
    expect(await (await adminFetch("/api/admin/config/ai.timeout_ms")).json()).toMatchObject({ version: 0 });
  });

  it("422s a body without a value and a rollback without a version", async () => {
    const noValue = await expectProblem(await adminFetch(KEY, { method: "PUT", body: { reason: "x" } }), 422);
    expect(JSON.stringify(noValue.errors)).toContain("value");
    await expectProblem(await adminFetch(`${KEY}/rollback`, { method: "POST", body: {} }), 422);
  });

  it("409s a write that lost a race it did not guard with If-Match", async () => {
    const entry = {
      key: "ai.model",
      value: "gpt-4o-mini",
      default: "gpt-4o-mini",
      version: 0,
      updatedAt: null,
      updatedBy: null,
    };
    const racing = {
      get: async () => entry,
      write: async () => {
        throw new ConfigVersionConflict(0, 1);
      },
    } as unknown as ConfigStore;
    const attempt = (ifMatch?: number) =>
      changeConfig(racing, "ai.model", {
        value: "gpt-4o",
        reason: null,
        actor: "t",
        action: "set",
        dryRun: false,
        ifMatch,
      });
    await expect(attempt()).rejects.toSatisfy((e) => e instanceof AppError && e.status === 409);
    await expect(attempt(0)).rejects.toSatisfy((e) => e instanceof AppError && e.status === 412);
  });
});

describe("unknown keys are refused", () => {
  it("never stores a key outside the registry", async () => {
    await adminFetch("/api/admin/config/evil.key", { method: "PUT", body: { value: true } });
    const list = (await (await adminFetch("/api/admin/config")).json()) as { entries: { key: string }[] };
    expect(list.entries.some((e) => e.key === "evil.key")).toBe(false);
  });
});
