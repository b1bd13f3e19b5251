import { Cron } from "croner";
import type { Child, FC } from "hono/jsx";
import { CONFIG_REGISTRY, type ConfigKey, type SettingDefinition } from "../../schemas/config-registry.ts";
import type { ConfigHistoryRow } from "../../schemas/d1-tables.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import type { ConfigEntry } from "../config/config-store.ts";
import type { AdminSession } from "./session.ts";

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:.8rem 1.5rem;display:flex;justify-content:space-between;align-items:center}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
h2{margin:.2rem 0 .8rem;font-size:1.15rem}
.setting{border-top:1px solid #eef0f3;padding:.75rem 0}
.setting:first-of-type{border-top:0}
label{font-weight:600;display:block}
.desc,.meta{color:#5b6472;font-size:.85rem;margin:.1rem 0 .4rem}
.row{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
input,select,textarea,button{font:inherit}
input[type=number],input[type=text],select{padding:.25rem .4rem}
textarea{width:100%;min-height:6rem;font-family:ui-monospace,monospace}
button{background:#2457d6;color:#fff;border:0;border-radius:5px;padding:.35rem .9rem;cursor:pointer}
button:disabled{background:#9aa3b2;cursor:not-allowed}
button.secondary{background:#fff;color:#2457d6;border:1px solid #2457d6}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.notice{padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
.ok{background:#e3f6e8;border:1px solid #8fd19e}.error{background:#fde8e8;border:1px solid #f1a5a5}.info{background:#e8f0fe;border:1px solid #9bb8f3}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eef0f3;padding:.3rem .4rem;text-align:left;vertical-align:top}
code{background:#f0f2f5;padding:0 .25rem;border-radius:3px}
`;

const SECTIONS: SettingDefinition["section"][] = [
  "AI Engine Settings",
  "Adaptive Learning",
  "Scraper Settings",
  "Feature Flags",
];

export interface Notice {
  kind: "ok" | "error" | "info";
  text: string;
  details?: string[];
}

export const Layout: FC<{ title: string; session?: AdminSession | null; children?: Child }> = ({
  title,
  session,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style>{STYLE}</style>
    </head>
    <body>
      <header>
        <strong>Edge Quiz · admin</strong>
        {session ? (
          <form method="post" action="/admin/logout" class="row">
            <span>
              Signed in as <strong>{session.role}</strong>
            </span>
            <input type="hidden" name="csrf" value={session.csrf} />
            <button type="submit" class="secondary">
              Sign out
            </button>
          </form>
        ) : null}
      </header>
      <main>{children}</main>
    </body>
  </html>
);

export const NoticeBox: FC<{ notice?: Notice }> = ({ notice }) =>
  notice ? (
    <div class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      {notice.text}
      {notice.details?.length ? (
        <ul>
          {notice.details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;

export const LoginPage: FC<{ notice?: Notice }> = ({ notice }) => (
  <Layout title="Sign in · Edge Quiz admin">
    <section>
      <h2>Sign in</h2>
      <NoticeBox notice={notice} />
      <form method="post" action="/admin/login">
        <label for="token">Admin token</label>
        <p class="desc">A token from ADMIN_TOKENS: editors can change settings, viewers can only read.</p>
        <div class="row">
          <input id="token" name="token" type="password" autocomplete="off" required size={40} />
          <button type="submit">Sign in</button>
        </div>
      </form>
    </section>
  </Layout>
);

function inputId(key: string, field = "value"): string {
  return `${key.replaceAll(".", "-")}-${field}`;
}

const Control: FC<{ entry: ConfigEntry; disabled: boolean }> = ({ entry, disabled }) => {
  const def: SettingDefinition = CONFIG_REGISTRY[entry.key];
  const id = inputId(entry.key);
  switch (def.control) {
    case "select":
      return (
        <select id={id} name="value" disabled={disabled}>
          {(def.options ?? []).map((o) => (
            <option value={o} selected={o === entry.value}>
              {o}
            </option>
          ))}
        </select>
      );
    case "slider":
      return (
        <span class="row">
          <input
            id={id}
            name="value"
            type="range"
            min={def.min}
            max={def.max}
            step={def.step}
            value={String(entry.value)}
            disabled={disabled}
          />
          <span aria-hidden="true">{String(entry.value)}</span>
        </span>
      );
    case "number":
      return (
        <span class="row">
          <input
            id={id}
            name="value"
            type="number"
            step={def.step ?? 1}
            value={String(entry.value)}
            disabled={disabled}
          />
          {def.unit ? <span>{def.unit}</span> : null}
        </span>
      );
    case "toggle":
      return (
        <span class="row">
          <input id={id} name="value" type="checkbox" value="true" checked={entry.value === true} disabled={disabled} />
          <span>{entry.value === true ? "on" : "off"}</span>
        </span>
      );
    case "flag":
    case "percentage": {
      const flag = entry.value as FeatureFlag;
      return (
        <span class="row">
          <input id={id} name="enabled" type="checkbox" value="true" checked={flag.enabled} disabled={disabled} />
          <span>enabled</span>
          <label for={inputId(entry.key, "rollout")}>Rollout</label>
          <input
            id={inputId(entry.key, "rollout")}
            name="rolloutPercent"
            type="number"
            min={0}
            max={100}
            step={1}
            value={String(flag.rolloutPercent)}
            disabled={disabled}
          />
          <span>%</span>
          <label for={inputId(entry.key, "allow")}>Allow</label>
          <input
            id={inputId(entry.key, "allow")}
            name="allow"
            type="text"
            value={flag.allow.join(", ")}
            disabled={disabled}
          />
          <label for={inputId(entry.key, "deny")}>Deny</label>
          <input
            id={inputId(entry.key, "deny")}
            name="deny"
            type="text"
            value={flag.deny.join(", ")}
            disabled={disabled}
          />
        </span>
      );
    }
    case "cron": {
      let next: string[] = [];
      try {
        next = new Cron(String(entry.value), { paused: true, timezone: "UTC" }).nextRuns(3).map((d) => d.toISOString());
      } catch {
        next = [];
      }
      return (
        <span class="row">
          <input
            id={id}
            name="value"
            type="text"
            value={String(entry.value)}
            disabled={disabled}
            pattern="\S+( \S+){4}"
          />
          <span class="meta">next (UTC): {next.join(", ") || "—"}</span>
        </span>
      );
    }
    case "json":
      return (
        <textarea id={id} name="value" disabled={disabled} spellcheck={false}>
          {JSON.stringify(entry.value, null, 2)}
        </textarea>
      );
  }
};

const SettingForm: FC<{ entry: ConfigEntry; session: AdminSession }> = ({ entry, session }) => {
  const def: SettingDefinition = CONFIG_REGISTRY[entry.key];
  const readOnly = session.role !== "editor";
  return (
    <form method="post" action={`/admin/config/${entry.key}`} class="setting" data-key={entry.key}>
      <label for={inputId(entry.key)}>
        <code>{entry.key}</code>
        {def.critical ? " (critical)" : ""}
      </label>
      <p class="desc">{def.description}</p>
      <Control entry={entry} disabled={readOnly} />
      <p class="meta">
        version {entry.version}
        {entry.updatedAt ? ` · ${entry.updatedAt} by ${entry.updatedBy}` : " · default"} ·{" "}
        <a href={`/admin/config/${entry.key}/history`}>history</a>
      </p>
      <input type="hidden" name="csrf" value={session.csrf} />
      <input type="hidden" name="version" value={String(entry.version)} />
      <div class="row">
        <label for={inputId(entry.key, "reason")} class="meta">
          Reason
        </label>
        <input id={inputId(entry.key, "reason")} name="reason" type="text" size={30} disabled={readOnly} />
        <input id={inputId(entry.key, "dry")} name="dry_run" type="checkbox" value="true" disabled={readOnly} />
        <label for={inputId(entry.key, "dry")} class="meta">
          Test mode (dry run)
        </label>
        {def.critical ? (
          <>
            <input
              id={inputId(entry.key, "confirm")}
              name="confirm"
              type="checkbox"
              value="true"
              disabled={readOnly}
              required
            />
            <label for={inputId(entry.key, "confirm")} class="meta">
              I understand this affects every learner
            </label>
          </>
        ) : null}
        <button type="submit" disabled={readOnly} title={readOnly ? "Viewers cannot change settings" : undefined}>
          Save
        </button>
      </div>
    </form>
  );
};

export interface MonitorPanel {
  title: string;
  rows: [string, string][];
}

export const DashboardPage: FC<{
  session: AdminSession;
  entries: ConfigEntry[];
  notice?: Notice;
  monitors: MonitorPanel[];
}> = ({ session, entries, notice, monitors }) => (
  <Layout title="Edge Quiz admin" session={session}>
    <NoticeBox notice={notice} />
    {SECTIONS.map((section) => (
      <section aria-labelledby={`h-${section.replaceAll(" ", "-")}`}>
        <h2 id={`h-${section.replaceAll(" ", "-")}`}>{section}</h2>
        {entries
          .filter((e) => CONFIG_REGISTRY[e.key].section === section)
          .map((entry) => (
            <SettingForm entry={entry} session={session} />
          ))}
      </section>
    ))}
    <section aria-labelledby="h-monitoring">
      <h2 id="h-monitoring">Monitoring</h2>
      {monitors.map((m) => (
        <>
          <h3>{m.title}</h3>
          <table>
            <tbody>
              {m.rows.map(([name, value]) => (
                <tr>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ))}
    </section>
  </Layout>
);

export const HistoryPage: FC<{
  session: AdminSession;
  configKey: ConfigKey;
  history: ConfigHistoryRow[];
  notice?: Notice;
}> = ({ session, configKey, history, notice }) => (
  <Layout title={`${configKey} history · Edge Quiz admin`} session={session}>
    <p>
      <a href="/admin">← all settings</a>
    </p>
    <NoticeBox notice={notice} />
    <section>
      <h2>
        History of <code>{configKey}</code>
      </h2>
      {history.length === 0 ? <p>Never changed: the default applies.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">Rollback</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td>{h.version}</td>
              <td>{h.at}</td>
              <td>{h.actor}</td>
              <td>
                <code>{JSON.stringify(h.oldValue)}</code> → <code>{JSON.stringify(h.newValue)}</code> ({h.action})
              </td>
              <td>{h.reason ?? ""}</td>
              <td>
                <form method="post" action={`/admin/config/${configKey}/rollback`}>
                  <input type="hidden" name="csrf" value={session.csrf} />
                  <input type="hidden" name="version" value={String(h.version)} />
                  <button
                    type="submit"
                    disabled={session.role !== "editor"}
                    aria-label={`Roll back to version ${h.version}`}
                  >
                    Restore
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  </Layout>
);
