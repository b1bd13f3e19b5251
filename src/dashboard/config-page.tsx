import type { Child } from "hono/jsx";
import { CONFIG_KEYS, CONFIG_REGISTRY, type ConfigKey, type SettingDefinition } from "../../schemas/config-registry.ts";
import type { DryRun } from "../config/change-config.ts";
import type { ConfigEntry } from "../config/config-store.ts";
import type { FieldIssue } from "../http/problem.ts";
import { Control, fieldId } from "./controls.tsx";
import type { FormFields } from "./form-value.ts";
import { Layout, type Notice, NoticeBox, PostForm, type SignedIn } from "./layout.tsx";
import type { MonitoringData } from "./monitoring.ts";
import { MonitoringPanel } from "./monitoring-panel.tsx";

export const SECTIONS: readonly SettingDefinition["section"][] = [
  "AI Engine Settings",
  "Adaptive Learning",
  "Scraper Settings",
  "Feature Flags",
  "Monitoring",
];

/** The key a request acted on: what was typed, why it was refused, or what a test run showed. */
export interface KeyFocus {
  key: ConfigKey;
  draft?: FormFields;
  errors?: FieldIssue[];
  preview?: DryRun;
}

export interface ConfigPageProps {
  signedIn: SignedIn;
  testMode: boolean;
  entries: ConfigEntry[];
  notice?: Notice;
  focus?: KeyFocus;
  monitoring: MonitoringData;
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function sectionId(section: string): string {
  return `section-${section.toLowerCase().replace(/[^a-z]+/g, "-")}`;
}

function Preview(props: { preview: DryRun }): Child {
  const { preview } = props;
  return (
    <section class="preview" aria-label={`Test result for ${preview.key}`}>
      <p>
        <strong>Test mode: nothing was saved.</strong>{" "}
        {preview.changed
          ? `Saving would change ${preview.key} from ${short(preview.from)} to ${short(preview.to)} (version ${preview.version} → ${preview.version + 1}).`
          : `${short(preview.to)} is the current value: saving would change nothing.`}
      </p>
      {preview.flag_decisions ? (
        <table>
          <caption class="help">Decisions for sample users (bucket = MurmurHash3 of "flag:user" mod 100)</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col" class="num">
                Bucket
              </th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {preview.flag_decisions.map((d) => (
              <tr>
                <td class="mono">{d.user_id}</td>
                <td class="num">{d.after.bucket}</td>
                <td>{`${d.before.enabled ? "on" : "off"} (${d.before.reason})`}</td>
                <td>{`${d.after.enabled ? "on" : "off"} (${d.after.reason})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details>
        <summary>Effective configuration after the change</summary>
        <pre>{JSON.stringify(preview.effective, null, 2)}</pre>
      </details>
    </section>
  );
}

function KeyCard(props: { entry: ConfigEntry; signedIn: SignedIn; testMode: boolean; focus?: KeyFocus }): Child {
  const { entry, signedIn, testMode } = props;
  const key = entry.key;
  const def: SettingDefinition = CONFIG_REGISTRY[key];
  const focus = props.focus?.key === key ? props.focus : undefined;
  const editor = signedIn.role === "editor";
  const ids = {
    card: fieldId(key, "card"),
    title: fieldId(key, "title"),
    desc: fieldId(key, "desc"),
    errors: fieldId(key, "errors"),
    reason: fieldId(key, "reason"),
  };
  const describedBy = focus?.errors ? `${ids.desc} ${ids.errors}` : ids.desc;
  return (
    <article class={focus ? "card focus" : "card"} id={ids.card} aria-labelledby={ids.title}>
      <h3 id={ids.title}>{key}</h3>
      <p class="desc" id={ids.desc}>
        {def.description}
      </p>
      <p class="meta">
        {`Version ${entry.version} · `}
        {entry.updatedAt ? `changed ${entry.updatedAt} by ${entry.updatedBy ?? "?"}` : "never changed"}
        {` · default ${short(entry.default)}`}
        {def.critical ? " · critical" : ""}
      </p>
      <PostForm action={`/admin/config/${key}`} csrf={signedIn.csrf} configKey={key}>
        <input type="hidden" name="version" value={String(entry.version)} />
        {testMode ? <input type="hidden" name="mode" value="test" /> : null}
        <fieldset class="plain" disabled={!editor}>
          <Control
            configKey={key}
            value={entry.value}
            draft={focus?.errors ? focus.draft : undefined}
            describedBy={describedBy}
            invalid={Boolean(focus?.errors)}
          />
          {focus?.errors ? (
            <ul class="errors" id={ids.errors}>
              {focus.errors.map((e) => (
                <li>{`${e.path}: ${e.message}`}</li>
              ))}
            </ul>
          ) : null}
          <label for={ids.reason}>Reason (kept in the history)</label>
          <input type="text" id={ids.reason} name="reason" maxlength={500} autocomplete="off" />
          <div class="actions">
            <button type="submit">{testMode ? "Test change" : "Save"}</button>
            {testMode ? null : (
              <button type="submit" class="secondary" formAction={`/admin/config/${key}/reset`}>
                Reset to default
              </button>
            )}
          </div>
        </fieldset>
      </PostForm>
      <p class="actions">
        <a href={`/admin/config/${key}/history`}>{`History of ${key}`}</a>
      </p>
      {focus?.preview ? <Preview preview={focus.preview} /> : null}
    </article>
  );
}

/** Every setting, grouped as in the seed architecture, with the test-mode switch and monitoring. */
export function ConfigPage(props: ConfigPageProps): Child {
  const { signedIn, testMode } = props;
  const byKey = new Map(props.entries.map((e) => [e.key, e]));
  return (
    <Layout title="Settings" signedIn={signedIn}>
      <h1>Settings</h1>
      <NoticeBox notice={props.notice} />
      <form method="get" action="/admin" class="mode">
        {testMode ? null : <input type="hidden" name="mode" value="test" />}
        <p id="mode-state">
          Test mode is <strong>{testMode ? "on" : "off"}</strong>
          {testMode
            ? ": changes are validated and previewed (with flag decisions for sample users), never saved."
            : ": changes are saved and reach every Worker within 60 seconds."}
        </p>
        <button type="submit" class="secondary" aria-describedby="mode-state">
          {testMode ? "Turn test mode off" : "Turn test mode on"}
        </button>
      </form>
      {signedIn.role === "viewer" ? (
        <p class="notice info">Your token is a viewer's: you can read every setting but not change them.</p>
      ) : null}
      <nav class="sections" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => (
            <li>
              <a href={`#${sectionId(s)}`}>{s}</a>
            </li>
          ))}
          <li>
            <a href="#monitoring">Monitoring</a>
          </li>
        </ul>
      </nav>
      {SECTIONS.map((section) => (
        <section aria-labelledby={sectionId(section)}>
          <h2 id={sectionId(section)}>{section}</h2>
          <div class={testMode ? "grid banner" : "grid"}>
            {CONFIG_KEYS.filter((k) => CONFIG_REGISTRY[k].section === section).map((k) => {
              const entry = byKey.get(k);
              return entry ? (
                <KeyCard entry={entry} signedIn={signedIn} testMode={testMode} focus={props.focus} />
              ) : null;
            })}
          </div>
        </section>
      ))}
      <MonitoringPanel data={props.monitoring} role={signedIn.role} csrf={signedIn.csrf} />
    </Layout>
  );
}
