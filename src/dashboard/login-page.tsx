import type { Child } from "hono/jsx";
import { Layout, type Notice, NoticeBox } from "./layout.tsx";

/**
 * Sign-in with an admin token. The token is posted once, checked, and exchanged for a signed
 * session cookie; it never appears in a page.
 */
export function LoginPage(props: { notice?: Notice }): Child {
  return (
    <Layout title="Sign in">
      <div class="login card">
        <h1>Sign in</h1>
        <NoticeBox notice={props.notice} />
        <form method="post" action="/admin/login">
          <div class="control">
            <label for="token">Admin token</label>
            <input
              type="password"
              id="token"
              name="token"
              required
              autocomplete="current-password"
              aria-describedby="token-help"
            />
            <p class="help" id="token-help">
              A token from the ADMIN_TOKENS secret. Viewers can read settings; editors can also change them.
            </p>
          </div>
          <div class="control">
            <label for="name">Your name (optional, shown in the change history)</label>
            <input type="text" id="name" name="name" maxlength={80} autocomplete="name" />
          </div>
          <div class="actions">
            <button type="submit">Sign in</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
