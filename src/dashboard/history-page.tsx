import type { Child } from "hono/jsx";
import type { ConfigKey } from "../../schemas/config-registry.ts";
import type { ConfigHistoryRow } from "../../schemas/d1-tables.ts";
import type { ConfigEntry } from "../config/config-store.ts";
import { Layout, type Notice, NoticeBox, PostForm, type SignedIn } from "./layout.tsx";

function json(value: unknown): string {
  return value === null || value === undefined ? "–" : JSON.stringify(value, null, 1);
}

/** Every change of one key, newest first, each with a rollback button for editors. */
export function HistoryPage(props: {
  signedIn: SignedIn;
  configKey: ConfigKey;
  entry: ConfigEntry;
  history: ConfigHistoryRow[];
  notice?: Notice;
}): Child {
  const { signedIn, configKey, entry, history } = props;
  const editor = signedIn.role === "editor";
  return (
    <Layout title={`History of ${configKey}`} signedIn={signedIn}>
      <p>
        <a href="/admin">← All settings</a>
      </p>
      <h1>
        History of <code>{configKey}</code>
      </h1>
      <NoticeBox notice={props.notice} />
      <p>{`Now at version ${entry.version}: ${JSON.stringify(entry.value)}.`}</p>
      {history.length === 0 ? (
        <p>This setting has never been changed; it has its default value.</p>
      ) : (
        <table>
          <caption class="help">Rolling back saves the old value as a new version; nothing is erased.</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Version
              </th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Change</th>
              <th scope="col">Old → new</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span class="sr-only">Rollback</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td class="num">{h.version}</td>
                <td>{h.at}</td>
                <td>{h.actor}</td>
                <td>{h.action}</td>
                <td>
                  <pre>{`${json(h.oldValue)}\n→ ${json(h.newValue)}`}</pre>
                </td>
                <td>{h.reason ?? "–"}</td>
                <td>
                  {h.version === entry.version ? (
                    "current"
                  ) : (
                    <PostForm action={`/admin/config/${configKey}/rollback`} csrf={signedIn.csrf}>
                      <input type="hidden" name="version" value={String(h.version)} />
                      <input type="hidden" name="expected" value={String(entry.version)} />
                      <button type="submit" class="secondary" disabled={!editor}>
                        {`Roll back to version ${h.version}`}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
