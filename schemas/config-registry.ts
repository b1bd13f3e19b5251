import { z } from "@hono/zod-openapi";
import { Cron } from "croner";
import { FeatureFlag } from "./feature-flag.ts";
import { ScraperSources } from "./scraper-source.ts";

/** How the dashboard renders a key. */
export type ControlKind = "select" | "slider" | "number" | "toggle" | "flag" | "percentage" | "cron" | "json";

export interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  default: z.output<S>;
  description: string;
  control: ControlKind;
  /** Dashboard section. */
  section: "AI Engine Settings" | "Adaptive Learning" | "Scraper Settings" | "Feature Flags" | "Monitoring";
  /** Unit shown next to numbers, e.g. "s". */
  unit?: string;
  /** For selects and sliders. */
  options?: readonly string[];
  /** Bounds of sliders and numbers, mirroring the schema. */
  min?: number;
  max?: number;
  step?: number;
  /** Changing it affects every learner at once: the dashboard asks for confirmation. */
  critical?: boolean;
}

function setting<S extends z.ZodType>(definition: SettingDefinition<S>): SettingDefinition<S> {
  return definition;
}

export const AI_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini"] as const;

const CronExpression = z
  .string()
  .trim()
  .min(9)
  .max(100)
  .refine(
    (expr) => {
      try {
        new Cron(expr, { paused: true });
        return expr.split(/\s+/).length === 5;
      } catch {
        return false;
      }
    },
    { message: "a 5-field cron expression, e.g. '0 */6 * * *'" },
  );

/** Every remote setting: its schema, default, description and dashboard control. Unknown keys are refused. */
export const CONFIG_REGISTRY = {
  "ai.model": setting({
    schema: z.enum(AI_MODELS),
    default: "gpt-4o-mini",
    description: "Model that validates scraped questions (Bloom level, quality, answer key).",
    control: "select",
    options: AI_MODELS,
    section: "AI Engine Settings",
  }),
  "ai.fallback_model": setting({
    schema: z.enum(AI_MODELS),
    default: "gpt-4.1-mini",
    description: "Model tried when the main one fails or times out, before the offline validator.",
    control: "select",
    options: AI_MODELS,
    section: "AI Engine Settings",
  }),
  "ai.temperature": setting({
    schema: z.number().min(0).max(1),
    default: 0.2,
    description: "Sampling temperature for validation calls; low keeps verdicts repeatable.",
    control: "slider",
    min: 0,
    max: 1,
    step: 0.1,
    section: "AI Engine Settings",
  }),
  "ai.cache_ttl": setting({
    schema: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400),
    default: 86_400,
    description: "How long a validation result is reused for the same model, prompt version and content.",
    control: "number",
    unit: "s",
    section: "AI Engine Settings",
  }),
  "ai.timeout_ms": setting({
    schema: z.number().int().min(1000).max(120_000),
    default: 20_000,
    description: "Time allowed for one model call before falling back.",
    control: "number",
    unit: "ms",
    section: "AI Engine Settings",
  }),
  "ai.daily_token_budget": setting({
    schema: z.number().int().min(0).max(1_000_000_000),
    default: 2_000_000,
    description: "Tokens the validator may spend per UTC day; past it, validation is offline only.",
    control: "number",
    unit: "tokens",
    section: "AI Engine Settings",
  }),
  "ai.min_quality_score": setting({
    schema: z.number().min(0).max(1),
    default: 0.6,
    description: "Questions scored below this go to the review list instead of learners.",
    control: "slider",
    min: 0,
    max: 1,
    step: 0.05,
    section: "AI Engine Settings",
  }),
  "adaptive.flow_threshold": setting({
    schema: z.number().min(0).max(1),
    default: 0.7,
    description:
      "Target share of correct answers that keeps a learner in flow: both engines choose the questions whose predicted P(correct) is nearest it, and the seed rule moves its level up when the running accuracy is at or above it, else down.",
    control: "slider",
    min: 0,
    max: 1,
    step: 0.05,
    section: "Adaptive Learning",
  }),
  "adaptive.difficulty_step": setting({
    schema: z.number().min(0.1).max(2),
    default: 0.5,
    description:
      "The seed rule's step: after each answer (once min_questions_per_session are in) its 1–5 level moves up or down by this much. The beta engine does not use it.",
    control: "number",
    step: 0.1,
    section: "Adaptive Learning",
  }),
  "adaptive.difficulty_adjustment_rate": setting({
    schema: z.number().min(0).max(1),
    default: 0.3,
    description:
      "The learning rate. Seed rule: the weight of the latest answer in the running accuracy it compares with the flow threshold. Beta engine: the smallest step the ability estimate keeps (a variance floor of rate × 0.25 logits²), so that after many answers it still follows a learner who improves; 0 lets the step shrink to nothing.",
    control: "slider",
    min: 0,
    max: 1,
    step: 0.05,
    section: "Adaptive Learning",
  }),
  "adaptive.min_questions_per_session": setting({
    schema: z.number().int().min(1).max(100),
    default: 5,
    description:
      "Answers in a session before the level moves from where it started: questions stay at the starting level until then (the beta engine's ability estimate is still updated from the first answer).",
    control: "number",
    unit: "questions",
    section: "Adaptive Learning",
  }),
  "adaptive.desired_retention": setting({
    schema: z.number().min(0.7).max(0.97),
    default: 0.9,
    description:
      "Spaced repetition: the chance of recall a review is scheduled for (FSRS). Higher means shorter intervals and more reviews.",
    control: "slider",
    min: 0.7,
    max: 0.97,
    step: 0.01,
    section: "Adaptive Learning",
  }),
  "adaptive.review_share": setting({
    schema: z.number().min(0).max(1),
    default: 0.3,
    description:
      "Spaced repetition: at most this share of an adaptive session's questions are due reviews (0 keeps reviews to review sessions).",
    control: "slider",
    min: 0,
    max: 1,
    step: 0.05,
    section: "Adaptive Learning",
  }),
  "features.spaced_repetition": setting({
    schema: FeatureFlag,
    default: { enabled: true, rolloutPercent: 100, allow: [], deny: [] },
    description: "Schedule reviews with spaced repetition.",
    control: "flag",
    section: "Feature Flags",
  }),
  "features.ai_validation": setting({
    schema: FeatureFlag,
    default: { enabled: true, rolloutPercent: 100, allow: [], deny: [] },
    description: "Validate scraped questions with the LLM (off: the offline validator only).",
    control: "flag",
    section: "Feature Flags",
  }),
  "features.new_ui": setting({
    schema: FeatureFlag,
    default: { enabled: false, rolloutPercent: 100, allow: [], deny: [] },
    description: "Serve the new learner interface.",
    control: "flag",
    section: "Feature Flags",
  }),
  "features.beta_engine": setting({
    schema: FeatureFlag,
    default: { enabled: true, rolloutPercent: 0, allow: [], deny: [] },
    description:
      "Learners on the beta adaptive engine (a Bayesian 1PL ability estimate per category), sticky per user (an anonymous session is bucketed by its id); the others get the seed's ±difficulty_step rule. Decided when a session starts.",
    control: "percentage",
    section: "Feature Flags",
  }),
  "features.maintenance_mode": setting({
    schema: z.boolean(),
    default: false,
    description: "Learner endpoints answer 503 with Retry-After; health, admin and the dashboard keep working.",
    control: "toggle",
    critical: true,
    section: "Feature Flags",
  }),
  "scraper.enabled": setting({
    schema: z.boolean(),
    default: false,
    description: "Run the scraper on its schedule.",
    control: "toggle",
    section: "Scraper Settings",
  }),
  "scraper.schedule": setting({
    schema: CronExpression,
    default: "0 */6 * * *",
    description: "When scheduled runs start (UTC, 5-field cron).",
    control: "cron",
    section: "Scraper Settings",
  }),
  "scraper.sources": setting({
    schema: ScraperSources,
    default: [],
    description: "Question sources: id, url, format and the format's options.",
    control: "json",
    section: "Scraper Settings",
  }),
  "monitoring.synthetic_enabled": setting({
    schema: z.boolean(),
    default: false,
    description:
      "Runs the seed's learner journey (topics, sign-in page, start, question card, answer, finish) over HTTP every 5 minutes from the cron tick; each run and its step latencies show in the monitoring panel.",
    control: "toggle",
    section: "Monitoring",
  }),
} as const;

export type ConfigKey = keyof typeof CONFIG_REGISTRY;
export type Settings = { [K in ConfigKey]: z.output<(typeof CONFIG_REGISTRY)[K]["schema"]> };
export const CONFIG_KEYS = Object.keys(CONFIG_REGISTRY) as ConfigKey[];

export function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_REGISTRY, key);
}

export function defaultSettings(): Settings {
  return Object.fromEntries(CONFIG_KEYS.map((k) => [k, structuredClone(CONFIG_REGISTRY[k].default)])) as Settings;
}
