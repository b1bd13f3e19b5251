import { z } from "@hono/zod-openapi";
import { Cron } from "croner";
import type { Child } from "hono/jsx";
import { CONFIG_REGISTRY, type ConfigKey, type SettingDefinition } from "../../schemas/config-registry.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import { SOURCE_FORMATS } from "../../schemas/scraper-source.ts";
import type { FormFields } from "./form-value.ts";

/** A DOM id for one part of a key's form (keys hold dots, which CSS selectors dislike). */
export function fieldId(key: string, part: string): string {
  return `k-${key.replace(/[^A-Za-z0-9_-]/g, "-")}-${part}`;
}

export interface ControlProps {
  configKey: ConfigKey;
  /** The stored value. */
  value: unknown;
  /** What was submitted, shown again after a refused change. */
  draft?: FormFields;
  /** Ids of the description and error texts the inputs point at. */
  describedBy: string;
  invalid: boolean;
}

function draftText(draft: FormFields | undefined, name: string): string | undefined {
  const raw = draft?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === "string" ? first : undefined;
}

/** min, max and step a number input can offer: the registry's, else the key's schema's. */
function numberBounds(configKey: ConfigKey): { min?: number; max?: number; step: number | "any" } {
  const def: SettingDefinition = CONFIG_REGISTRY[configKey];
  const schema = def.schema;
  const number = schema instanceof z.ZodNumber ? schema : null;
  return {
    min: def.min ?? number?.minValue ?? undefined,
    max: def.max ?? number?.maxValue ?? undefined,
    step: def.step ?? (number?.isInt ? 1 : "any"),
  };
}

/** The next few runs of a cron expression, for the admin to check it means what they think. */
export function nextRuns(expression: string, count = 3): string[] {
  try {
    return new Cron(expression, { paused: true, timezone: "UTC" })
      .nextRuns(count)
      .map((d) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  } catch {
    return [];
  }
}

function Slider(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const bounds = numberBounds(configKey);
  const current = draftText(draft, "value") ?? String(value);
  return (
    <div class="control">
      <label for={id}>{configKey}</label>
      <div class="slider">
        <input
          type="range"
          id={id}
          name="value"
          min={bounds.min ?? 0}
          max={bounds.max ?? 1}
          step={bounds.step}
          value={current}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? "true" : undefined}
          data-output={fieldId(configKey, "output")}
        />
        <output id={fieldId(configKey, "output")} for={id}>
          {current}
        </output>
      </div>
    </div>
  );
}

function NumberInput(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const unitId = fieldId(configKey, "unit");
  const { unit } = CONFIG_REGISTRY[configKey] as { unit?: string };
  const bounds = numberBounds(configKey);
  return (
    <div class="control">
      <label for={id}>{configKey}</label>
      <div class="with-unit">
        <input
          type="number"
          id={id}
          name="value"
          min={bounds.min}
          max={bounds.max}
          step={bounds.step}
          inputmode="decimal"
          value={draftText(draft, "value") ?? String(value)}
          aria-describedby={unit ? `${unitId} ${props.describedBy}` : props.describedBy}
          aria-invalid={props.invalid ? "true" : undefined}
        />
        {unit ? (
          <span class="unit" id={unitId}>
            {unit}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function Select(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const options = (CONFIG_REGISTRY[configKey] as { options?: readonly string[] }).options ?? [];
  const selected = draftText(draft, "value") ?? String(value);
  return (
    <div class="control">
      <label for={id}>{configKey}</label>
      <select
        id={id}
        name="value"
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
      >
        {options.map((option) => (
          <option value={option} selected={option === selected}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

function Toggle(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const checked = draft ? draftText(draft, "value") === "on" : value === true;
  const critical = (CONFIG_REGISTRY[configKey] as { critical?: boolean }).critical === true;
  return (
    <div class="control">
      <div class="check">
        <input type="checkbox" id={id} name="value" checked={checked} aria-describedby={props.describedBy} />
        <label for={id}>{configKey}</label>
      </div>
      {critical ? (
        <div class="check confirm">
          <input type="checkbox" id={fieldId(configKey, "confirm")} name="confirm" />
          <label for={fieldId(configKey, "confirm")}>
            I understand this changes the platform for every learner at once
          </label>
        </div>
      ) : null}
    </div>
  );
}

function Flag(props: ControlProps & { percentage: boolean }): Child {
  const { configKey, draft } = props;
  const flag = props.value as FeatureFlag;
  const enabled = draft ? draftText(draft, "enabled") === "on" : flag.enabled;
  const percent = draftText(draft, "rolloutPercent") ?? String(flag.rolloutPercent);
  const allow = draftText(draft, "allow") ?? flag.allow.join("\n");
  const deny = draftText(draft, "deny") ?? flag.deny.join("\n");
  const ids = {
    enabled: fieldId(configKey, "enabled"),
    percent: fieldId(configKey, "percent"),
    output: fieldId(configKey, "percent-output"),
    allow: fieldId(configKey, "allow"),
    deny: fieldId(configKey, "deny"),
  };
  return (
    <fieldset class="control flag" aria-describedby={props.describedBy}>
      <legend>{configKey}</legend>
      <div class="check">
        <input type="checkbox" id={ids.enabled} name="enabled" checked={enabled} />
        <label for={ids.enabled}>Enabled</label>
      </div>
      <label for={ids.percent}>Rollout (% of users, sticky per user id)</label>
      {props.percentage ? (
        <div class="slider">
          <input
            type="range"
            id={ids.percent}
            name="rolloutPercent"
            min={0}
            max={100}
            step={1}
            value={percent}
            data-output={ids.output}
          />
          <output id={ids.output} for={ids.percent}>
            {percent}
          </output>
          <span class="unit">%</span>
        </div>
      ) : (
        <div class="with-unit">
          <input type="number" id={ids.percent} name="rolloutPercent" min={0} max={100} step={1} value={percent} />
          <span class="unit">%</span>
        </div>
      )}
      <label for={ids.allow}>Always on for (user ids, one per line)</label>
      <textarea id={ids.allow} name="allow" rows={2} spellcheck={false}>
        {allow}
      </textarea>
      <label for={ids.deny}>Always off for (user ids, one per line)</label>
      <textarea id={ids.deny} name="deny" rows={2} spellcheck={false}>
        {deny}
      </textarea>
    </fieldset>
  );
}

function CronInput(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const helpId = fieldId(configKey, "cron-help");
  const runs = nextRuns(String(value));
  return (
    <div class="control">
      <label for={id}>{configKey}</label>
      <input
        type="text"
        id={id}
        name="value"
        class="mono"
        autocomplete="off"
        spellcheck={false}
        value={draftText(draft, "value") ?? String(value)}
        aria-describedby={`${helpId} ${props.describedBy}`}
        aria-invalid={props.invalid ? "true" : undefined}
      />
      <p class="help" id={helpId}>
        Five fields, UTC: minute hour day-of-month month day-of-week. Next runs of the saved schedule:{" "}
        {runs.length > 0 ? runs.join(", ") : "none"}.
      </p>
    </div>
  );
}

function JsonInput(props: ControlProps): Child {
  const { configKey, value, draft } = props;
  const id = fieldId(configKey, "value");
  const statusId = fieldId(configKey, "json-status");
  return (
    <div class="control">
      <label for={id}>{configKey} (JSON)</label>
      <textarea
        id={id}
        name="value"
        class="mono"
        rows={10}
        spellcheck={false}
        data-json-status={statusId}
        aria-describedby={`${statusId} ${props.describedBy}`}
        aria-invalid={props.invalid ? "true" : undefined}
      >
        {draftText(draft, "value") ?? JSON.stringify(value, null, 2)}
      </textarea>
      <p class="help" id={statusId} aria-live="polite">
        {configKey === "scraper.sources" ? (
          <>
            An array of sources; each needs <code>id</code>, <code>url</code> (http or https) and <code>format</code> (
            {SOURCE_FORMATS.join(", ")}) with that format's options.
          </>
        ) : (
          "JSON, checked against the setting's schema when saved."
        )}
      </p>
    </div>
  );
}

/** The input(s) for one key, picked by its registry control. */
export function Control(props: ControlProps): Child {
  switch (CONFIG_REGISTRY[props.configKey].control) {
    case "slider":
      return <Slider {...props} />;
    case "number":
      return <NumberInput {...props} />;
    case "select":
      return <Select {...props} />;
    case "toggle":
      return <Toggle {...props} />;
    case "flag":
      return <Flag {...props} percentage={false} />;
    case "percentage":
      return <Flag {...props} percentage={true} />;
    case "cron":
      return <CronInput {...props} />;
    case "json":
      return <JsonInput {...props} />;
  }
}
