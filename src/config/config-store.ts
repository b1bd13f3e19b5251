import { and, desc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { CONFIG_KEYS, CONFIG_REGISTRY, type ConfigKey } from "../../schemas/config-registry.ts";
import { type ConfigEntryRow, type ConfigHistoryRow, configEntries, configHistory } from "../../schemas/d1-tables.ts";
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

function toEntry(key: ConfigKey, row: ConfigEntryRow | undefined): ConfigEntry {
  const fallback = CONFIG_REGISTRY[key].default;
  return {
    key,
    value: row ? row.value : fallback,
    default: fallback,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** Remote config in D1 (entries and an audit trail), published to KV as one snapshot. */
export function configStore(db: D1Database, kv: KVNamespace) {
  const client = drizzle(db);

  async function rows(): Promise<Map<string, ConfigEntryRow>> {
    const results = await client.select().from(configEntries);
    return new Map(results.map((r) => [r.key, r]));
  }

  async function get(key: ConfigKey): Promise<ConfigEntry> {
    const [row] = await client.select().from(configEntries).where(eq(configEntries.key, key));
    return toEntry(key, row);
  }

  /** The revision of the D1 state: the id of the latest change. */
  async function revision(): Promise<number> {
    const [row] = await client
      .select({ revision: sql<number>`COALESCE(MAX(${configHistory.id}), 0)` })
      .from(configHistory);
    return row?.revision ?? 0;
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
      values: Object.fromEntries([...current].map(([k, r]) => [k, r.value])),
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
      const set = { value, version: next, updatedAt: at, updatedBy: change.actor };
      const [upserted] = await client.batch([
        client
          .insert(configEntries)
          .values({ key, ...set })
          // The guard against a concurrent writer: only the version this writer saw is replaced.
          .onConflictDoUpdate({
            target: configEntries.key,
            set,
            setWhere: eq(configEntries.version, change.expectedVersion),
          })
          .returning({ version: configEntries.version }),
        // Recorded only if the write above won: the entry now carries exactly this version and value.
        client
          .insert(configHistory)
          .select(
            client
              .select({
                // NULL takes the next rowid, as an omitted INTEGER PRIMARY KEY would.
                id: sql<number>`NULL`.as("id"),
                key: configEntries.key,
                version: configEntries.version,
                oldValue: sql`${JSON.stringify(before.value)}`.as("old_value"),
                newValue: configEntries.value,
                actor: sql`${change.actor}`.as("actor"),
                reason: sql`${change.reason}`.as("reason"),
                action: sql`${change.action}`.as("action"),
                at: sql`${at}`.as("at"),
              })
              .from(configEntries)
              .where(and(eq(configEntries.key, key), eq(configEntries.version, next), eq(configEntries.value, value))),
          )
          .onConflictDoNothing(),
      ]);
      if (upserted.length !== 1) {
        throw new ConfigVersionConflict(change.expectedVersion, (await get(key)).version);
      }
      await publish();
      return { ...before, value, version: next, updatedAt: at, updatedBy: change.actor };
    },

    history(key: ConfigKey): Promise<ConfigHistoryRow[]> {
      return client
        .select()
        .from(configHistory)
        .where(eq(configHistory.key, key))
        .orderBy(desc(configHistory.version))
        .limit(200);
    },

    async historyAt(key: ConfigKey, version: number): Promise<ConfigHistoryRow | null> {
      const [row] = await client
        .select()
        .from(configHistory)
        .where(and(eq(configHistory.key, key), eq(configHistory.version, version)));
      return row ?? null;
    },
  };
}
export type ConfigStore = ReturnType<typeof configStore>;
