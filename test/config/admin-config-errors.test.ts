import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../schemas/config-registry.ts";
import { changeConfig } from "../../src/config/change-config.ts";
import { configStore } from "../../src/config/config-store.ts";
import { CONFIG_SNAPSHOT_KEY } from "../../src/config/read-config.ts";
import { AppError } from "../../src/http/problem.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { expectProblem } from "../helpers/problem.ts";
import { VIEWER_TOKEN } from "../helpers/tokens.ts";

const KEY = "/api/admin/config/ai.min_quality_score";

/**
 * The real D1, with its batches held until `writers` of them are waiting, then run one after
 * the other: every writer has read before any writes, the interleaving a race produces.
 */
function racingDb(db: D1Database, writers: number): D1Database {
  const waiting: (() => void)[] = [];
  let turn = Promise.resolve();
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== "batch") {
        const member = Reflect.get(target, prop);
        return typeof member === "function" ? member.bind(target) : member;
      }
      return async (statements: D1PreparedStatement[]) => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === writers) for (const release of waiting) release();
        });
        const run = turn.then(() => target.batch(statements));
        turn = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      };
    },
  });
}

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

  it("409s the writer that loses a race at D1's version guard, with no If-Match on either", async () => {
    const key = "ai.model";
    const store = configStore(racingDb(env.DB, 2), env.CONFIG_KV);
    const before = (await store.get(key)).version;
    const write = (value: string) =>
      changeConfig(store, key, { value, reason: null, actor: value, action: "set", dryRun: false });
    // Both writers read the entry before either writes, so both pass the early version check:
    // only the statement's `WHERE version = ?` can tell them apart.
    const [first, second] = await Promise.allSettled([write("gpt-4o"), write("gpt-4.1-mini")]);
    const outcomes = [first, second].map((r) => r.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const lost = [first, second].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect((lost.reason as AppError).status).toBe(409);
    const won = [first, second].find((r) => r.status === "fulfilled");
    const winner = won?.status === "fulfilled" && "value" in won.value ? won.value.value : null;
    expect(["gpt-4o", "gpt-4.1-mini"]).toContain(winner);
    const row = await env.DB.prepare("SELECT value, version FROM config_entries WHERE key = ?").bind(key).first();
    expect(row).toEqual({ value: JSON.stringify(winner), version: before + 1 });
    const history = await env.DB.prepare("SELECT new_value, actor FROM config_history WHERE key = ? AND version = ?")
      .bind(key, before + 1)
      .all();
    expect(history.results).toEqual([{ new_value: JSON.stringify(winner), actor: winner }]);
  });

  it("412s a writer whose If-Match is behind", async () => {
    const store = configStore(env.DB, env.CONFIG_KV);
    const { version } = await store.get("ai.model");
    const attempt = changeConfig(store, "ai.model", {
      value: "gpt-4o",
      reason: null,
      actor: "t",
      action: "set",
      dryRun: false,
      ifMatch: version + 5,
    });
    await expect(attempt).rejects.toSatisfy((e) => e instanceof AppError && e.status === 412);
  });
});

describe("unknown keys are refused", () => {
  it("never stores a key outside the registry", async () => {
    const keys = ["evil.key", "__proto__", "AI.MODEL", "ai.model.extra", "ai.model%00"];
    for (const key of keys) {
      for (const [method, path, body] of [
        ["PUT", key, { value: true }],
        ["DELETE", key, undefined],
        ["POST", `${key}/rollback`, { version: 1 }],
      ] as const) {
        const res = await adminFetch(`/api/admin/config/${key}${path === key ? "" : "/rollback"}`, { method, body });
        expect(res.status, `${method} ${key}`).toBe(404);
        await res.body?.cancel();
      }
    }
    // Storage itself, not a listing built from the registry: no row, no history, nothing published.
    const known = CONFIG_KEYS as readonly string[];
    const stored = await env.DB.prepare("SELECT key FROM config_entries UNION SELECT key FROM config_history").all<{
      key: string;
    }>();
    expect(stored.results.filter((r) => !known.includes(r.key))).toEqual([]);
    const snapshot = (await env.CONFIG_KV.get(CONFIG_SNAPSHOT_KEY, "json")) as { values: object } | null;
    expect(Object.keys(snapshot?.values ?? {}).filter((k) => !known.includes(k))).toEqual([]);
  });
});
