import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, CONFIG_REGISTRY, defaultSettings, isConfigKey } from "../../schemas/config-registry.ts";

describe("the config registry", () => {
  it("declares the seed architecture's keys with their controls and defaults", () => {
    const expected: Record<string, { control: string; default?: unknown; critical?: boolean }> = {
      "ai.model": { control: "select" },
      "ai.temperature": { control: "slider" },
      "ai.cache_ttl": { control: "number" },
      "adaptive.flow_threshold": { control: "slider", default: 0.7 },
      "adaptive.difficulty_step": { control: "number", default: 0.5 },
      "adaptive.difficulty_adjustment_rate": { control: "slider" },
      "adaptive.min_questions_per_session": { control: "number" },
      "features.spaced_repetition": { control: "flag" },
      "features.ai_validation": { control: "flag" },
      "features.new_ui": { control: "flag" },
      "features.beta_engine": { control: "percentage" },
      "features.maintenance_mode": { control: "toggle", default: false, critical: true },
      "scraper.enabled": { control: "toggle", default: false },
      "scraper.schedule": { control: "cron", default: "0 */6 * * *" },
      "scraper.sources": { control: "json", default: [] },
    };
    for (const [key, want] of Object.entries(expected)) {
      expect(isConfigKey(key), key).toBe(true);
      const def = CONFIG_REGISTRY[key as keyof typeof CONFIG_REGISTRY] as {
        control: string;
        default: unknown;
        critical?: boolean;
      };
      expect(def.control, key).toBe(want.control);
      if ("default" in want) expect(def.default, key).toEqual(want.default);
      if (want.critical) expect(def.critical).toBe(true);
    }
    expect(CONFIG_REGISTRY["ai.temperature"].step).toBe(0.1);
    expect(CONFIG_REGISTRY["ai.cache_ttl"].unit).toBe("s");
    expect(defaultSettings()["features.spaced_repetition"].enabled).toBe(true);
    expect(defaultSettings()["features.ai_validation"].enabled).toBe(true);
    expect(isConfigKey("features.unknown")).toBe(false);
    expect(isConfigKey("__proto__")).toBe(false);
  });

  it("gives every key a description, a section and a default its own schema accepts", () => {
    for (const key of CONFIG_KEYS) {
      const def = CONFIG_REGISTRY[key];
      expect(def.description.length, key).toBeGreaterThan(10);
      expect(def.section, key).toBeTruthy();
      expect(def.schema.safeParse(def.default).success, key).toBe(true);
    }
  });

  it("bounds numbers and validates cron expressions and sources", () => {
    expect(CONFIG_REGISTRY["ai.temperature"].schema.safeParse(1.1).success).toBe(false);
    expect(CONFIG_REGISTRY["adaptive.flow_threshold"].schema.safeParse(-0.1).success).toBe(false);
    const cron = CONFIG_REGISTRY["scraper.schedule"].schema;
    for (const ok of ["0 */6 * * *", "*/15 * * * *", "30 2 * * 1-5"]) expect(cron.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["every day", "0 0 */6 * * *", "61 * * * *", ""])
      expect(cron.safeParse(bad).success, bad).toBe(false);
    const sources = CONFIG_REGISTRY["scraper.sources"].schema;
    expect(sources.safeParse([{ id: "a", url: "https://x.test/q.csv", format: "csv" }]).success).toBe(false);
    const dup = { id: "a", url: "https://x.test/q.gift", format: "gift" };
    expect(sources.safeParse([dup, dup]).success).toBe(false);
  });
});
