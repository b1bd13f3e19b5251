import { CONFIG_KEYS, CONFIG_REGISTRY, type ConfigKey } from "../../schemas/config-registry.ts";
import type { ConfigHistoryRow } from "../../schemas/d1-tables.ts";
import { CONFIG_SNAPSHOT_KEY, ConfigSnapshot, rememberSnapshot } from "./read-config.ts";

export interface ConfigEntry {
  key: ConfigKey;
  value: unknown;
  default: unknown;
  /** 0 while the key has never been set. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ConfigChange {
  actor: string;
  reason: string | null;
  action: ConfigHistoryRow["action"];
  /** The version the writer saw; the write only happens if it is still current. */
  expectedVersion: number;
}

/** Another change landed first: the caller saw `expected`, the key is now at `current`. */
export class ConfigVersionConflict extends Error {
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(`the key is at version ${current}, not ${expected}`);
    this.name = "ConfigVersionConflict";
  }
}

interface EntryRecord {
  key: string;
  value: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

interface HistoryRecord {
  id: number;
  key: string;
  version: number;
  old_value: string | null;
  new_value: string;
  actor: string;
  reason: string | null;
  action: ConfigHistoryRow["action"];
  at: string;
}

function toEntry(key: ConfigKey, row: EntryRecord | undefined): ConfigEntry {
  const fallback = CONFIG_REGISTRY[key].default;
  return {
    key,
    value: row ? JSON.parse(row.value) : fallback,
    default: fallback,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

function toHistory(row: HistoryRecord): ConfigHistoryRow {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    oldValue: row.old_value === null ? null : JSON.parse(row.old_value),
    newValue: JSON.parse(row.new_value),
    actor: row.actor,
    reason: row.reason,
    action: row.action,
    at: row.at,
  };
}

/** Remote config in D1 (entries and an audit trail), published to KV as one snapshot. */
export function configStore(db: D1Database, kv: KVNamespace) {
  async function rows(): Promise<Map<string, EntryRecord>> {
    const { results } = await db.prepare("SELECT * FROM config_entries").all<EntryRecord>();
    return new Map(results.map((r) => [r.key, r]));
  }

  async function get(key: ConfigKey): Promise<ConfigEntry> {
    const row = await db.prepare("SELECT * FROM config_entries WHERE key = ?").bind(key).first<EntryRecord>();
    return toEntry(key, row ?? undefined);
  }

  /** The revision of the D1 state: the id of the latest change. */
  async function revision(): Promise<number> {
    return (
      (await db.prepare("SELECT COALESCE(MAX(id), 0) AS revision FROM config_history").first<number>("revision")) ?? 0
    );
  }

  async function publishedRevision(): Promise<number | null> {
    const raw = await kv.get(CONFIG_SNAPSHOT_KEY, "json");
    const parsed = ConfigSnapshot.safeParse(raw);
    return parsed.success ? parsed.data.revision : null;
  }

  /**
   * Writes the snapshot every Worker reads; this isolate sees it at once. It checks the published
   * revision first, so a slower writer does not replace a newer snapshot (the rare race left
   * between check and put is repaired by `reconcile`). KV failing (or refusing a second write to the
   * key within a second) does not undo the change: D1 holds it, this isolate serves it, and
   * the next `reconcile` publishes it.
   */
  async function publish(): Promise<{ snapshot: ConfigSnapshot; stored: boolean }> {
    const current = await rows();
    const snapshot: ConfigSnapshot = {
      revision: await revision(),
      values: Object.fromEntries([...current].map(([k, r]) => [k, JSON.parse(r.value)])),
      updatedAt: new Date().toISOString(),
    };
    rememberSnapshot(snapshot);
    try {
      const published = await publishedRevision();
      if (published === null || published < snapshot.revision) {
        await kv.put(CONFIG_SNAPSHOT_KEY, JSON.stringify(snapshot));
      }
      return { snapshot, stored: true };
    } catch (error) {
      console.warn("config: publishing the snapshot to KV failed;", error instanceof Error ? error.message : error);
      return { snapshot, stored: false };
    }
  }

  /** Republishes when KV is behind D1 (a failed or lost publish). Admin paths call it; learners never do. */
  async function reconcile(): Promise<{ revision: number; published: number | null; republished: boolean }> {
    const [latest, published] = await Promise.all([revision(), publishedRevision().catch(() => null)]);
    if (latest === 0 || (published !== null && published >= latest)) {
      return { revision: latest, published, republished: false };
    }
    const { stored } = await publish();
    return { revision: latest, published: stored ? latest : published, republished: stored };
  }

  return {
    get,
    publish,
    reconcile,
    revision,

    async list(): Promise<ConfigEntry[]> {
      const current = await rows();
      return CONFIG_KEYS.map((key) => toEntry(key, current.get(key)));
    },

    /**
     * Sets `key` to an already validated value, atomically with its history row, only if the
     * key is still at `expectedVersion`; then republishes the snapshot.
     */
    async write(key: ConfigKey, value: unknown, change: ConfigChange): Promise<ConfigEntry> {
      const before = await get(key);
      if (before.version !== change.expectedVersion) {
        throw new ConfigVersionConflict(change.expectedVersion, before.version);
      }
      const next = change.expectedVersion + 1;
      const at = new Date().toISOString();
      const json = JSON.stringify(value);
      const [upsert] = await db.batch([
        db
          .prepare(
            `INSERT INTO config_entries (key, value, version, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by
             WHERE config_entries.version = ?6`,
          )
          .bind(key, json, next, at, change.actor, change.expectedVersion),
        // Recorded only if the write above won: the entry now carries exactly this version.
        db
          .prepare(
            `INSERT OR IGNORE INTO config_history (key, version, old_value, new_value, actor, reason, action, at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             WHERE (SELECT version FROM config_entries WHERE key = ?1) = ?2 AND (SELECT value FROM config_entries WHERE key = ?1) = ?4`,
          )
          .bind(key, next, JSON.stringify(before.value), json, change.actor, change.reason, change.action, at),
      ]);
      if (upsert?.meta.changes !== 1) {
        throw new ConfigVersionConflict(change.expectedVersion, (await get(key)).version);
      }
      await publish();
      return { ...before, value, version: next, updatedAt: at, updatedBy: change.actor };
    },

    async history(key: ConfigKey): Promise<ConfigHistoryRow[]> {
      const { results } = await db
        .prepare("SELECT * FROM config_history WHERE key = ? ORDER BY version DESC LIMIT 200")
        .bind(key)
        .all<HistoryRecord>();
      return results.map(toHistory);
    },

    async historyAt(key: ConfigKey, version: number): Promise<ConfigHistoryRow | null> {
      const row = await db
        .prepare("SELECT * FROM config_history WHERE key = ? AND version = ?")
        .bind(key, version)
        .first<HistoryRecord>();
      return row ? toHistory(row) : null;
    },
  };
}
export type ConfigStore = ReturnType<typeof configStore>;
