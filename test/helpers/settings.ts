import { env } from "cloudflare:test";
import type { Settings } from "../../schemas/config-registry.ts";
import { CONFIG_SNAPSHOT_KEY, type ConfigSnapshot, rememberSnapshot } from "../../src/config/read-config.ts";

let revision = 1000;

/**
 * Publishes settings the way the config admin API does (the KV snapshot) and makes them
 * visible at once in this isolate, whose copy would otherwise live for 60 s.
 * Keys not given take their defaults.
 */
export async function publishSettings(values: Partial<Settings>): Promise<ConfigSnapshot> {
  const snapshot: ConfigSnapshot = { revision: ++revision, values, updatedAt: new Date().toISOString() };
  await env.CONFIG_KV.put(CONFIG_SNAPSHOT_KEY, JSON.stringify(snapshot));
  rememberSnapshot(snapshot);
  return snapshot;
}
