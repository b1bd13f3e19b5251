import { CONFIG_REGISTRY, type ConfigKey } from "../../schemas/config-registry.ts";
import { changeConfig, type DryRun, resetConfig, rollbackConfig } from "../config/change-config.ts";
import type { ConfigEntry, ConfigStore } from "../config/config-store.ts";
import { AppError, type FieldIssue } from "../http/problem.ts";
import { type FormFields, valueFromForm } from "./form-value.ts";

/** What a dashboard form achieved; refusals carry the status and reasons the page shows. */
export type Submission =
  | { outcome: "saved"; entry: ConfigEntry }
  | { outcome: "tested"; preview: DryRun }
  | { outcome: "refused"; status: 409 | 412 | 422; message: string; errors: FieldIssue[] };

function text(form: FormFields, name: string): string | undefined {
  const raw = form[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === "string" ? first : undefined;
}

/** The version the page was rendered with: the form's If-Match. */
function pageVersion(form: FormFields): number | undefined {
  const raw = text(form, "version");
  return raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

function refusal(error: unknown): Submission {
  if (error instanceof AppError) {
    if (error.code === "unprocessable") {
      return { outcome: "refused", status: 422, message: error.message, errors: error.errors ?? [] };
    }
    if (error.code === "precondition_failed" || error.code === "conflict") {
      return {
        outcome: "refused",
        status: error.code === "conflict" ? 409 : 412,
        message: `Someone else changed this setting after the page was loaded (${error.message}). Nothing was saved; reload to see their change.`,
        errors: [],
      };
    }
  }
  throw error;
}

function missingConfirmation(key: ConfigKey, form: FormFields): Submission | null {
  if (!CONFIG_REGISTRY[key].critical || text(form, "confirm") === "on") return null;
  return {
    outcome: "refused",
    status: 422,
    message: `${key} is critical: tick the confirmation box to change it.`,
    errors: [{ path: "confirm", message: "confirm that this affects every learner" }],
  };
}

/** Saves a key from its form, or in test mode (`mode=test`) shows what saving would do. */
export async function submitSetting(
  store: ConfigStore,
  key: ConfigKey,
  form: FormFields,
  actor: string,
): Promise<Submission> {
  const dryRun = text(form, "mode") === "test";
  const parsed = valueFromForm(key, form);
  if (!parsed.ok) {
    return { outcome: "refused", status: 422, message: `The value is not valid for ${key}.`, errors: parsed.errors };
  }
  if (!dryRun) {
    const unconfirmed = missingConfirmation(key, form);
    if (unconfirmed) return unconfirmed;
  }
  try {
    const result = await changeConfig(store, key, {
      value: parsed.value,
      reason: text(form, "reason")?.trim().slice(0, 500) || null,
      actor,
      action: "set",
      ifMatch: pageVersion(form),
      dryRun,
    });
    return "dry_run" in result ? { outcome: "tested", preview: result } : { outcome: "saved", entry: result };
  } catch (error) {
    return refusal(error);
  }
}

export async function resetSetting(
  store: ConfigStore,
  key: ConfigKey,
  form: FormFields,
  actor: string,
): Promise<Submission> {
  const unconfirmed = missingConfirmation(key, form);
  if (unconfirmed) return unconfirmed;
  try {
    return { outcome: "saved", entry: await resetConfig(store, key, { actor, ifMatch: pageVersion(form) }) };
  } catch (error) {
    return refusal(error);
  }
}

export async function rollbackSetting(
  store: ConfigStore,
  key: ConfigKey,
  form: FormFields,
  actor: string,
): Promise<Submission> {
  const target = Number(text(form, "version"));
  const expected = text(form, "expected");
  try {
    const entry = await rollbackConfig(store, key, Number.isInteger(target) ? target : -1, {
      actor,
      ifMatch: expected !== undefined && /^\d{1,9}$/.test(expected) ? Number(expected) : undefined,
    });
    return { outcome: "saved", entry };
  } catch (error) {
    return refusal(error);
  }
}
