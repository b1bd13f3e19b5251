import type { Child } from "hono/jsx";
import { Layout, type Notice, NoticeBox, type PageContext } from "../layout.tsx";

/**
 * One GitHub button. Through Supabase it is a link (a navigation, which `form-action 'self'`
 * does not restrict); in development it is a form that signs in at once.
 */
export function SignInPage(props: {
  ctx: PageContext;
  mode: "supabase" | "development" | "none";
  authorizeUrl: string | null;
  notice?: Notice;
}): Child {
  const { ctx, mode } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.sign_in")}>
      <div class="card">
        <h1>{t("auth.sign_in")}</h1>
        <NoticeBox notice={props.notice} />
        {mode === "supabase" && props.authorizeUrl ? (
          <>
            <p class="help">{t("auth.supabase_note")}</p>
            <p class="actions">
              <a class="button primary github" href={props.authorizeUrl} data-test="login-github">
                {t("auth.github")}
              </a>
            </p>
          </>
        ) : mode === "development" ? (
          <form method="post" action="/auth/dev">
            <p class="help">{t("auth.dev_note")}</p>
            <div class="actions">
              <button type="submit" class="github" data-test="login-github">
                {t("auth.github")}
              </button>
            </div>
          </form>
        ) : (
          <NoticeBox notice={{ kind: "info", text: t("auth.dev_refused") }} />
        )}
        <p>
          <a href="/">{t("auth.anonymous")}</a>
        </p>
      </div>
    </Layout>
  );
}

/** Where Supabase Auth returns: the script posts the fragment's access token to the Worker. */
export function CallbackPage(props: { ctx: PageContext }): Child {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("auth.callback_title")}>
      <h1>{t("auth.callback_title")}</h1>
      <p role="status">{t("auth.callback_wait")}</p>
      <form id="token-handoff" method="post" action="/auth/session">
        <input type="hidden" name="access_token" value="" />
        <input type="hidden" name="error" value="" />
      </form>
      <noscript>
        <p>{t("auth.callback_noscript")}</p>
      </noscript>
    </Layout>
  );
}
