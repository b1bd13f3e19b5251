import { CONFIG_REGISTRY, type ConfigKey, isConfigKey } from "../../schemas/config-registry.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import { AppError, fieldIssues } from "../http/problem.ts";
import { type ConfigEntry, type ConfigStore, ConfigVersionConflict } from "./config-store.ts";
import { evaluateFlag, FLAG_KEYS, type FlagDecision } from "./flags.ts";
import { settingsFromValues } from "./read-config.ts";

export interface ChangeRequest {
  value: unknown;
  reason: string | null;
  actor: string;
  action: "set" | "reset" | "rollback";
  /** From If-Match: the version the client last saw; absent, the current version. */
  ifMatch?: number;
  dryRun: boolean;
}

export interface DryRun {
  dry_run: true;
  key: ConfigKey;
  from: unknown;
  to: unknown;
  changed: boolean;
  version: number;
  effective: Record<string, unknown>;
  flag_decisions?: { user_id: string; before: FlagDecision; after: FlagDecision }[];
}

/** Users whose flag decisions a dry run shows, before and after. */
export const SAMPLE_USERS = Array.from({ length: 10 }, (_, i) => `sample-user-${i + 1}`);

export function requireKey(key: string): ConfigKey {
  if (!isConfigKey(key)) throw new AppError("not_found", `unknown config key '${key}'`);
  return key;
}

/** Validates a value against the key's schema: 422 with the reasons per field. */
export function validateValue(key: ConfigKey, value: unknown): unknown {
  const parsed = CONFIG_REGISTRY[key].schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("unprocessable", `the value is not valid for ${key}`, {
      errors: fieldIssues(parsed.error).map((i) => ({ ...i, path: i.path === "(root)" ? "value" : `value.${i.path}` })),
    });
  }
  return parsed.data;
}

/**
 * Applies one change with optimistic concurrency (412 when If-Match is behind, 409 when
 * another write won the race), or in test mode only says what it would do.
 */
export async function changeConfig(
  store: ConfigStore,
  key: ConfigKey,
  req: ChangeRequest,
): Promise<ConfigEntry | DryRun> {
  const value = validateValue(key, req.value);
  const current = await currentAt(store, key, req.ifMatch);
  return req.dryRun ? dryRun(store, key, current, value) : write(store, key, current, value, req);
}

async function currentAt(store: ConfigStore, key: ConfigKey, ifMatch: number | undefined): Promise<ConfigEntry> {
  const current = await store.get(key);
  if (ifMatch !== undefined && ifMatch !== current.version) {
    throw new AppError("precondition_failed", `${key} is at version ${current.version}, not ${ifMatch}`, {
      headers: { etag: `"${current.version}"` },
    });
  }
  return current;
}

async function write(
  store: ConfigStore,
  key: ConfigKey,
  current: ConfigEntry,
  value: unknown,
  req: Omit<ChangeRequest, "value" | "dryRun">,
): Promise<ConfigEntry> {
  try {
    return await store.write(key, value, {
      actor: req.actor,
      reason: req.reason,
      action: req.action,
      expectedVersion: current.version,
    });
  } catch (error) {
    if (error instanceof ConfigVersionConflict) {
      throw new AppError(req.ifMatch === undefined ? "conflict" : "precondition_failed", error.message, {
        cause: error,
      });
    }
    throw error;
  }
}

type WriteOptions = Pick<ChangeRequest, "actor" | "ifMatch"> & { reason?: string | null };

/** Sets a key back to its registry default, as a new audited version. */
export async function resetConfig(store: ConfigStore, key: ConfigKey, req: WriteOptions): Promise<ConfigEntry> {
  const current = await currentAt(store, key, req.ifMatch);
  const value = structuredClone(CONFIG_REGISTRY[key].default);
  return write(store, key, current, value, { ...req, reason: req.reason ?? "reset to default", action: "reset" });
}

/** Saves the value a key had at an earlier version as a new version; history is never rewritten. */
export async function rollbackConfig(
  store: ConfigStore,
  key: ConfigKey,
  version: number,
  req: WriteOptions,
): Promise<ConfigEntry> {
  const target = await store.historyAt(key, version);
  if (!target) throw new AppError("unprocessable", `${key} has no version ${version}`);
  // The old value passed the schema of its day; the registry may have tightened since.
  const value = validateValue(key, target.newValue);
  const current = await currentAt(store, key, req.ifMatch);
  return write(store, key, current, value, {
    ...req,
    reason: req.reason ?? `rollback to version ${version}`,
    action: "rollback",
  });
}

async function dryRun(store: ConfigStore, key: ConfigKey, current: ConfigEntry, value: unknown): Promise<DryRun> {
  const values = Object.fromEntries((await store.list()).map((e) => [e.key, e.value]));
  const before = settingsFromValues(values);
  const after = settingsFromValues({ ...values, [key]: value });
  const result: DryRun = {
    dry_run: true,
    key,
    from: current.value,
    to: value,
    changed: JSON.stringify(current.value) !== JSON.stringify(value),
    version: current.version,
    effective: after,
  };
  if ((FLAG_KEYS as string[]).includes(key)) {
    const flagKey = key as (typeof FLAG_KEYS)[number];
    result.flag_decisions = SAMPLE_USERS.map((user) => ({
      user_id: user,
      before: evaluateFlag(key, before[flagKey] as FeatureFlag, user),
      after: evaluateFlag(key, after[flagKey] as FeatureFlag, user),
    }));
  }
  return result;
}
