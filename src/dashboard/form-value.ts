import { CONFIG_REGISTRY, type ConfigKey } from "../../schemas/config-registry.ts";
import type { FieldIssue } from "../http/problem.ts";

/** Submitted form fields: single values, as `parseBody` gives them for urlencoded forms. */
export type FormFields = Record<string, string | File | (string | File)[]>;

export type FormValue = { ok: true; value: unknown } | { ok: false; errors: FieldIssue[] };

function field(form: FormFields, name: string): string | undefined {
  const raw = form[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === "string" ? first : undefined;
}

function numberField(form: FormFields, name: string, path: string): FormValue {
  const raw = field(form, name)?.trim() ?? "";
  if (raw === "") return { ok: false, errors: [{ path, message: "enter a number" }] };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, errors: [{ path, message: `'${raw}' is not a number` }] };
  return { ok: true, value };
}

/** User ids typed one per line (commas also separate them). */
function idList(form: FormFields, name: string): string[] {
  return (field(form, name) ?? "")
    .split(/[\n,]/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/**
 * Turns a dashboard form into the value the key's control stands for; the key's schema still
 * has the last word (`validateValue`). Errors name the same paths as the API's (`value...`).
 */
export function valueFromForm(key: ConfigKey, form: FormFields): FormValue {
  const def = CONFIG_REGISTRY[key];
  switch (def.control) {
    case "select":
    case "cron":
      return { ok: true, value: field(form, "value") ?? "" };
    case "slider":
    case "number":
      return numberField(form, "value", "value");
    case "toggle":
      // An unchecked checkbox is simply absent from the submission.
      return { ok: true, value: field(form, "value") === "on" };
    case "flag":
    case "percentage": {
      const percent = numberField(form, "rolloutPercent", "value.rolloutPercent");
      if (!percent.ok) return percent;
      return {
        ok: true,
        value: {
          enabled: field(form, "enabled") === "on",
          rolloutPercent: percent.value,
          allow: idList(form, "allow"),
          deny: idList(form, "deny"),
        },
      };
    }
    case "json": {
      const raw = field(form, "value") ?? "";
      try {
        return { ok: true, value: JSON.parse(raw) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : "unreadable";
        return { ok: false, errors: [{ path: "value", message: `not valid JSON: ${reason}` }] };
      }
    }
  }
}
