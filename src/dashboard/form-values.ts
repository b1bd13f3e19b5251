import { CONFIG_REGISTRY, type ConfigKey } from "../../schemas/config-registry.ts";

export type FormFields = Record<string, string>;

function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Turns a dashboard form into the value its key's schema validates. Only shape is handled
 * here (numbers, checkboxes, lists, JSON text); the schema judges the value.
 */
export function valueFromForm(key: ConfigKey, form: FormFields): { value: unknown } | { error: string } {
  const raw = form.value;
  switch (CONFIG_REGISTRY[key].control) {
    case "select":
    case "cron":
      return { value: raw ?? "" };
    case "slider":
    case "number":
      return raw === undefined || raw.trim() === "" ? { error: "enter a number" } : { value: Number(raw) };
    case "toggle":
      return { value: raw === "true" };
    case "flag":
    case "percentage":
      return {
        value: {
          enabled: form.enabled === "true",
          rolloutPercent: Number(form.rolloutPercent ?? "100"),
          allow: list(form.allow),
          deny: list(form.deny),
        },
      };
    case "json":
      try {
        return { value: JSON.parse(raw ?? "") };
      } catch (error) {
        return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
  }
}
