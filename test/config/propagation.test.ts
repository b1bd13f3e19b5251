import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  CONFIG_ISOLATE_TTL_MS,
  CONFIG_SNAPSHOT_KEY,
  type ConfigSnapshot,
  loadSettings,
} from "../../src/config/read-config.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { expectProblem } from "../helpers/problem.ts";

const FAILING_KV = new Proxy({} as KVNamespace, { get: () => () => Promise.reject(new Error("KV is down")) });

function snapshot(revision: number, values: Record<string, unknown>): ConfigSnapshot {
  return { revision, values, updatedAt: new Date().toISOString() };
}

describe("propagation", () => {
  it("the writing isolate sees a change at once", async () => {
    await adminFetch("/api/admin/config/ai.temperature", { method: "PUT", body: { value: 0.9 } });
    const { settings, source } = await loadSettings(env.CONFIG_KV);
    expect(settings["ai.temperature"]).toBe(0.9);
    expect(source).toBe("isolate");
  });

  it("other isolates see a published change within 60 s, never reading D1", async () => {
    const t0 = Date.now() + 10 * CONFIG_ISOLATE_TTL_MS;
    await loadSettings(env.CONFIG_KV, t0);
    // Another isolate publishes: only KV changes here.
    await env.CONFIG_KV.put(CONFIG_SNAPSHOT_KEY, JSON.stringify(snapshot(100, { "ai.temperature": 0.1 })));
    const soon = await loadSettings(env.CONFIG_KV, t0 + 1000);
    expect(soon.source).toBe("isolate");
    const later = await loadSettings(env.CONFIG_KV, t0 + CONFIG_ISOLATE_TTL_MS);
    expect(later).toMatchObject({ source: "kv", revision: 100 });
    expect(later.settings["ai.temperature"]).toBe(0.1);
  });

  it("falls back to the last known config when KV fails, then to defaults", async () => {
    const t0 = Date.now() + 100 * CONFIG_ISOLATE_TTL_MS;
    await env.CONFIG_KV.put(CONFIG_SNAPSHOT_KEY, JSON.stringify(snapshot(200, { "ai.model": "gpt-4o" })));
    await loadSettings(env.CONFIG_KV, t0);
    const down = await loadSettings(FAILING_KV, t0 + 2 * CONFIG_ISOLATE_TTL_MS);
    expect(down.source).toBe("last-known");
    expect(down.settings["ai.model"]).toBe("gpt-4o");
  });

  it("ignores a stored value that no longer validates, using the default", async () => {
    const t0 = Date.now() + 1000 * CONFIG_ISOLATE_TTL_MS;
    await env.CONFIG_KV.put(CONFIG_SNAPSHOT_KEY, JSON.stringify(snapshot(300, { "ai.temperature": 7 })));
    const { settings } = await loadSettings(env.CONFIG_KV, t0);
    expect(settings["ai.temperature"]).toBe(0.2);
  });
});

describe("maintenance mode", () => {
  it("503s learner endpoints with Retry-After while health and admin keep working", async () => {
    await adminFetch("/api/admin/config/features.maintenance_mode", { method: "PUT", body: { value: true } });
    const learner = await SELF.fetch(`${BASE}/api/flags`);
    await expectProblem(learner, 503);
    expect(learner.headers.get("retry-after")).toBe("120");
    expect((await SELF.fetch(`${BASE}/api/health`)).status).toBe(200);
    expect((await SELF.fetch(`${BASE}/api/openapi.json`)).status).toBe(200);
    expect((await SELF.fetch(`${BASE}/api/docs`)).status).toBe(200);
    expect((await adminFetch("/api/admin/config")).status).toBe(200);
    // Any other /api path is a learner endpoint, known or not.
    await expectProblem(await SELF.fetch(`${BASE}/api/questions/random`), 503);
    expect((await SELF.fetch(`${BASE}/admin/login`)).status).toBe(200);
    await adminFetch("/api/admin/config/features.maintenance_mode", { method: "DELETE" });
    expect((await SELF.fetch(`${BASE}/api/flags`)).status).toBe(200);
  });
});
