import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../schemas/config-registry.ts";
import { configStore } from "../../src/config/config-store.ts";
import {
  CONFIG_SNAPSHOT_KEY,
  type ConfigSnapshot,
  forgetIsolateConfig,
  loadSettings,
} from "../../src/config/read-config.ts";
import { adminFetch } from "../helpers/admin.ts";

const FAILING_KV = new Proxy({} as KVNamespace, { get: () => () => Promise.reject(new Error("KV is down")) });
const FAILING_DB = new Proxy({} as D1Database, {
  get: () => () => {
    throw new Error("D1 is down");
  },
});

/** The real KV for reads, refusing every write (KV down, or its one-write-per-second limit). */
function readOnlyKv(): KVNamespace {
  return new Proxy(env.CONFIG_KV, {
    get: (target, prop) =>
      prop === "put"
        ? () => Promise.reject(new Error("KV PUT failed: 429 Too Many Requests"))
        : Reflect.get(target, prop).bind(target),
  });
}

async function published(): Promise<ConfigSnapshot | null> {
  return env.CONFIG_KV.get<ConfigSnapshot>(CONFIG_SNAPSHOT_KEY, "json");
}

const change = { actor: "test", reason: null, action: "set" as const };

describe("publishing the snapshot", () => {
  it("keeps a change whose KV publish failed, serves it in this isolate and republishes it on reconcile", async () => {
    const store = configStore(env.DB, readOnlyKv());
    const entry = await store.write("ai.temperature", 0.4, { ...change, expectedVersion: 0 });
    expect(entry).toMatchObject({ value: 0.4, version: 1 });
    expect(await published()).toBeNull();
    expect((await loadSettings(env.CONFIG_KV)).settings["ai.temperature"]).toBe(0.4);

    // The admin list reconciles: KV catches up with D1.
    const list = (await (await adminFetch("/api/admin/config")).json()) as {
      revision: number;
      published_revision: number;
    };
    expect(list.published_revision).toBe(list.revision);
    expect((await published())?.values["ai.temperature"]).toBe(0.4);
  });

  it("does not replace a newer snapshot with an older one", async () => {
    await env.CONFIG_KV.put(
      CONFIG_SNAPSHOT_KEY,
      JSON.stringify({ revision: 10_000, values: { "ai.model": "o4-mini" }, updatedAt: new Date().toISOString() }),
    );
    await configStore(env.DB, env.CONFIG_KV).write("ai.fallback_model", "gpt-4o", {
      ...change,
      expectedVersion: 0,
    });
    expect((await published())?.revision).toBe(10_000);
  });

  it("numbers snapshots by the latest change, so every change raises the revision", async () => {
    const store = configStore(env.DB, env.CONFIG_KV);
    await env.CONFIG_KV.delete(CONFIG_SNAPSHOT_KEY);
    const before = await store.revision();
    await store.write("adaptive.difficulty_step", 1, { ...change, expectedVersion: 0 });
    await store.write("adaptive.difficulty_step", 1.5, { ...change, expectedVersion: 1 });
    expect(await store.revision()).toBe(before + 2);
    expect((await published())?.revision).toBe(before + 2);
  });
});

describe("reading with KV or D1 down", () => {
  it("falls back to the registry defaults when nothing is known and KV fails", async () => {
    forgetIsolateConfig();
    const loaded = await loadSettings(FAILING_KV);
    expect(loaded).toMatchObject({ source: "defaults", revision: 0 });
    expect(loaded.settings).toEqual(defaultSettings());
  });

  it("treats a malformed snapshot like an unreachable KV", async () => {
    forgetIsolateConfig();
    await env.CONFIG_KV.put(CONFIG_SNAPSHOT_KEY, JSON.stringify({ revision: "x" }));
    expect((await loadSettings(env.CONFIG_KV)).source).toBe("defaults");
  });

  it("serves settings without D1: reads take only KV, and a failing D1 breaks only admin writes", async () => {
    forgetIsolateConfig();
    await env.CONFIG_KV.put(
      CONFIG_SNAPSHOT_KEY,
      JSON.stringify({ revision: 5, values: { "ai.temperature": 0.6 }, updatedAt: new Date().toISOString() }),
    );
    await expect(
      configStore(FAILING_DB, env.CONFIG_KV).write("ai.temperature", 0.1, { ...change, expectedVersion: 0 }),
    ).rejects.toThrow("D1 is down");
    const loaded = await loadSettings(env.CONFIG_KV);
    expect(loaded).toMatchObject({ source: "kv", revision: 5 });
    expect(loaded.settings["ai.temperature"]).toBe(0.6);
  });
});
