import { z } from "zod";
import { CONFIG_KEYS, CONFIG_REGISTRY, defaultSettings, type Settings } from "../../schemas/config-registry.ts";

/** KV key of the published config; the D1 tables are the source of truth behind it. */
export const CONFIG_SNAPSHOT_KEY = "config:snapshot";
/** The seed architecture's TTL: an isolate re-reads KV at most this often. */
export const CONFIG_ISOLATE_TTL_MS = 60_000;

export const ConfigSnapshot = z.object({
  /** Increases with every published change. */
  revision: z.number().int().min(0),
  values: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type ConfigSnapshot = z.infer<typeof ConfigSnapshot>;

export type ConfigSource = "isolate" | "kv" | "last-known" | "defaults";

export interface LoadedSettings {
  settings: Settings;
  revision: number;
  source: ConfigSource;
}

let isolateCopy: { settings: Settings; revision: number; fetchedAt: number } | null = null;

/** Typed settings from stored values: a missing or no-longer-valid value falls back to its default. */
export function settingsFromValues(values: Record<string, unknown>): Settings {
  const settings = defaultSettings();
  for (const key of CONFIG_KEYS) {
    if (!(key in values)) continue;
    const parsed = CONFIG_REGISTRY[key].schema.safeParse(values[key]);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
    else console.warn(`config: stored value of ${key} is not valid; using the default`);
  }
  return settings;
}

/** Drops this isolate's copy, so the next read goes to KV (tests; a forced refresh). */
export function forgetIsolateConfig(): void {
  isolateCopy = null;
}

/** Makes a change visible at once in the isolate that published it. */
export function rememberSnapshot(snapshot: ConfigSnapshot, now = Date.now()): void {
  isolateCopy = { settings: settingsFromValues(snapshot.values), revision: snapshot.revision, fetchedAt: now };
}

/**
 * The effective settings for this request, never touching D1: the isolate copy while it is
 * younger than 60 s, else the KV snapshot; with KV unreachable, the last known copy, then
 * the registry defaults. Never throws.
 */
export async function loadSettings(kv: KVNamespace, now = Date.now()): Promise<LoadedSettings> {
  if (isolateCopy && now - isolateCopy.fetchedAt < CONFIG_ISOLATE_TTL_MS) {
    return { settings: isolateCopy.settings, revision: isolateCopy.revision, source: "isolate" };
  }
  try {
    const raw = await kv.get(CONFIG_SNAPSHOT_KEY, "json");
    const snapshot = raw === null ? null : ConfigSnapshot.parse(raw);
    if (snapshot) {
      rememberSnapshot(snapshot, now);
      return { settings: settingsFromValues(snapshot.values), revision: snapshot.revision, source: "kv" };
    }
    // Nothing published yet: defaults are the config, cache them like a snapshot.
    isolateCopy = { settings: defaultSettings(), revision: 0, fetchedAt: now };
    return { settings: isolateCopy.settings, revision: 0, source: "defaults" };
  } catch (error) {
    console.warn("config: KV snapshot unreadable;", error instanceof Error ? error.message : error);
    if (isolateCopy) return { settings: isolateCopy.settings, revision: isolateCopy.revision, source: "last-known" };
    return { settings: defaultSettings(), revision: 0, source: "defaults" };
  }
}
