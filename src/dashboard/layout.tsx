import type { Child } from "hono/jsx";
import type { AdminRole } from "../auth/admin-roles.ts";
import { PageHead } from "../http/page-head.tsx";
import { ASSET_PATHS } from "./assets.ts";

export { type Notice, NoticeBox } from "../http/page-notice.tsx";

export interface SignedIn {
  role: AdminRole;
  /** How the audit trail names this admin. */
  actor: string;
  csrf: string;
}

/** A POST form with the session's CSRF token; every dashboard change goes through one. */
export function PostForm(props: {
  action: string;
  csrf: string;
  class?: string;
  /** The config key the form changes, for tests and styles. */
  configKey?: string;
  children?: Child;
}): Child {
  return (
    <form method="post" action={props.action} class={props.class} data-key={props.configKey}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

/**
 * The page shell: no inline script or style anywhere (the CSP forbids them), a skip link, and
 * the signed-in admin with a sign-out button.
 */
export function Layout(props: { title: string; signedIn?: SignedIn; children?: Child }): Child {
  const { signedIn } = props;
  return (
    <html lang="en">
      <PageHead title={`${props.title} · Edge Quiz admin`} assets={ASSET_PATHS} />
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <p class="brand">
            <a href="/admin">Edge Quiz admin</a>
          </p>
          {signedIn ? (
            <div class="who">
              <span>
                Signed in as <strong>{signedIn.actor}</strong> ({signedIn.role}
                {signedIn.role === "viewer" ? ", read-only" : ""})
              </span>
              <PostForm action="/admin/logout" csrf={signedIn.csrf}>
                <button type="submit" class="secondary">
                  Sign out
                </button>
              </PostForm>
            </div>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
