import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../schemas/config-registry.ts";
import { CONFIG_SNAPSHOT_KEY } from "../../src/config/read-config.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { expectProblem } from "../helpers/problem.ts";
import { EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

describe("admin auth", () => {
  it("401 without a token or with an unknown one, 403 for a viewer writing", async () => {
    await expectProblem(await SELF.fetch(`${BASE}/api/admin/config`), 401);
    await expectProblem(await adminFetch("/api/admin/config", { token: "nope" }), 401);
    expect((await adminFetch("/api/admin/config", { token: VIEWER_TOKEN })).status).toBe(200);
    const res = await adminFetch("/api/admin/config/ai.temperature", {
      method: "PUT",
      token: VIEWER_TOKEN,
      body: { value: 0.5 },
    });
    await expectProblem(res, 403);
  });
});

describe("reading and writing settings", () => {
  it("lists every registry key with value, default and version", async () => {
    const res = await adminFetch("/api/admin/config");
    const body = (await res.json()) as {
      entries: { key: string; value: unknown; default: unknown; version: number }[];
    };
    expect(body.entries.map((e) => e.key)).toEqual(CONFIG_KEYS);
    const flow = body.entries.find((e) => e.key === "adaptive.flow_threshold");
    expect(flow).toMatchObject({ value: 0.7, default: 0.7, version: 0 });
  });

  it("saves a valid value, versions it, audits it and publishes it to KV", async () => {
    const put = await adminFetch("/api/admin/config/adaptive.flow_threshold", {
      method: "PUT",
      body: { value: 0.8, reason: "learners too bored" },
      headers: { "x-admin-actor": "ada@example.test" },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"1"');
    expect(await put.json()).toMatchObject({ value: 0.8, version: 1, updated_by: "ada@example.test (editor-token)" });

    const snapshot = (await env.CONFIG_KV.get(CONFIG_SNAPSHOT_KEY, "json")) as { values: Record<string, unknown> };
    expect(snapshot.values["adaptive.flow_threshold"]).toBe(0.8);

    const history = (await (await adminFetch("/api/admin/config/adaptive.flow_threshold/history")).json()) as {
      history: { version: number; old_value: unknown; new_value: unknown; reason: string; actor: string }[];
    };
    expect(history.history[0]).toMatchObject({
      version: 1,
      old_value: 0.7,
      new_value: 0.8,
      reason: "learners too bored",
    });
  });

  it("422s values the schema refuses, with the reason per field, and changes nothing", async () => {
    const res = await adminFetch("/api/admin/config/ai.temperature", { method: "PUT", body: { value: 1.5 } });
    const body = await expectProblem(res, 422);
    expect(body.errors).toEqual([expect.objectContaining({ path: "value" })]);
    const bad = await adminFetch("/api/admin/config/scraper.sources", {
      method: "PUT",
      body: { value: [{ id: "x", url: "ftp://example.com/q.gift", format: "gift" }] },
    });
    const problem = await expectProblem(bad, 422);
    expect(JSON.stringify(problem.errors)).toContain("value.0.url");
    const cron = await adminFetch("/api/admin/config/scraper.schedule", {
      method: "PUT",
      body: { value: "every day" },
    });
    await expectProblem(cron, 422);
    expect(await (await adminFetch("/api/admin/config/ai.temperature")).json()).toMatchObject({
      value: 0.2,
      version: 0,
    });
  });

  it("404s unknown keys, 400s bad JSON and 415s non-JSON bodies", async () => {
    await expectProblem(await adminFetch("/api/admin/config/no.such_key"), 404);
    await expectProblem(await adminFetch("/api/admin/config/no.such_key", { method: "PUT", body: { value: 1 } }), 404);
    await expectProblem(await rawPut("{oops", "application/json"), 400);
    await expectProblem(await rawPut("value=1", "application/x-www-form-urlencoded"), 415);
  });

  it("412s a write whose If-Match is behind, and changes nothing", async () => {
    const first = await adminFetch("/api/admin/config/ai.cache_ttl", { method: "PUT", body: { value: 600 } });
    const etag = first.headers.get("etag") ?? "";
    await adminFetch("/api/admin/config/ai.cache_ttl", {
      method: "PUT",
      body: { value: 700 },
      headers: { "if-match": etag },
    });
    const stale = await adminFetch("/api/admin/config/ai.cache_ttl", {
      method: "PUT",
      body: { value: 800 },
      headers: { "if-match": etag },
    });
    await expectProblem(stale, 412);
    expect(await (await adminFetch("/api/admin/config/ai.cache_ttl")).json()).toMatchObject({ value: 700, version: 2 });
  });

  it("lets exactly one of two racing writers win", async () => {
    const results = await Promise.all(
      [1000, 2000].map((value) =>
        adminFetch("/api/admin/config/ai.daily_token_budget", {
          method: "PUT",
          body: { value },
          headers: { "if-match": '"0"' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = (await (await adminFetch("/api/admin/config/ai.daily_token_budget/history")).json()) as {
      history: unknown[];
    };
    expect(history.history).toHaveLength(1);
  });

  it("resets to the default with DELETE and rolls back to an earlier version", async () => {
    for (const value of [3, 4, 6]) {
      await adminFetch("/api/admin/config/adaptive.min_questions_per_session", { method: "PUT", body: { value } });
    }
    const reset = await adminFetch("/api/admin/config/adaptive.min_questions_per_session", { method: "DELETE" });
    expect(await reset.json()).toMatchObject({ value: 5, version: 4 });
    const rollback = await adminFetch("/api/admin/config/adaptive.min_questions_per_session/rollback", {
      method: "POST",
      body: { version: 2 },
    });
    expect(await rollback.json()).toMatchObject({ value: 4, version: 5 });
    const history = (await (
      await adminFetch("/api/admin/config/adaptive.min_questions_per_session/history")
    ).json()) as {
      history: { version: number; action: string; new_value: unknown }[];
    };
    expect(history.history.map((h) => [h.version, h.action, h.new_value])).toEqual([
      [5, "rollback", 4],
      [4, "reset", 5],
      [3, "set", 6],
      [2, "set", 4],
      [1, "set", 3],
    ]);
    const missing = await adminFetch("/api/admin/config/adaptive.min_questions_per_session/rollback", {
      method: "POST",
      body: { version: 99 },
    });
    await expectProblem(missing, 422);
  });

  it("dry runs validate and show the change and flag decisions without saving", async () => {
    const res = await adminFetch("/api/admin/config/features.beta_engine?dry_run=true", {
      method: "PUT",
      body: { value: { enabled: true, rolloutPercent: 50 } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      dry_run: boolean;
      changed: boolean;
      effective: Record<string, unknown>;
      flag_decisions: { before: { enabled: boolean }; after: { enabled: boolean; bucket: number } }[];
    };
    expect(body.dry_run).toBe(true);
    expect(body.changed).toBe(true);
    expect(body.effective["features.beta_engine"]).toEqual({ enabled: true, rolloutPercent: 50, allow: [], deny: [] });
    expect(body.flag_decisions).toHaveLength(10);
    for (const d of body.flag_decisions) {
      expect(d.before.enabled).toBe(false);
      expect(d.after.enabled).toBe(d.after.bucket < 50);
    }
    expect(await (await adminFetch("/api/admin/config/features.beta_engine")).json()).toMatchObject({ version: 0 });
    await expectProblem(
      await adminFetch("/api/admin/config/features.beta_engine?dry_run=true", {
        method: "PUT",
        body: { value: { enabled: "yes" } },
      }),
      422,
    );
  });
});

function rawPut(body: string, type: string): Promise<Response> {
  return SELF.fetch(`${BASE}/api/admin/config/ai.temperature`, {
    method: "PUT",
    headers: { authorization: `Bearer ${EDITOR_TOKEN}`, "content-type": type },
    body,
  });
}
