import type { Child } from "hono/jsx";
import { PageHead } from "../http/page-head.tsx";
import { LEARNER_ASSETS } from "./assets.ts";
import { LANGUAGES, type Language, type MessageKey, type Translate } from "./messages.ts";

export { type Notice, NoticeBox } from "../http/page-notice.tsx";

/** What every page needs to know about the request it answers. */
export interface PageContext {
  t: Translate;
  lang: Language;
  /** The path of this page, for the language switch and the current-page mark. */
  path: string;
  /** The signed-in learner's display name, or null when anonymous. */
  learnerName: string | null;
}

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", mn: "Монгол" };

function NavLink(props: { ctx: PageContext; href: string; label: MessageKey }): Child {
  return (
    <li>
      <a href={props.href} aria-current={props.ctx.path === props.href ? "page" : undefined}>
        {props.ctx.t(props.label)}
      </a>
    </li>
  );
}

/**
 * The page shell: no inline script or style anywhere (the CSP forbids them), a skip link,
 * navigation, the language switch (links, so it works without script) and sign-in state.
 */
export function Layout(props: { ctx: PageContext; title: string; children?: Child }): Child {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <html lang={ctx.lang}>
      <PageHead title={`${props.title} · ${t("app.name")}`} assets={LEARNER_ASSETS} />
      <body>
        <a class="skip" href="#main">
          {t("nav.skip")}
        </a>
        <header class="top">
          <p class="brand">
            <a href="/">{t("app.name")}</a>
          </p>
          <nav aria-label={t("nav.main")}>
            <ul>
              <NavLink ctx={ctx} href="/" label="nav.home" />
              {ctx.learnerName ? (
                <>
                  <NavLink ctx={ctx} href="/dashboard" label="nav.dashboard" />
                  <NavLink ctx={ctx} href="/stats" label="nav.stats" />
                  <NavLink ctx={ctx} href="/reviews" label="nav.reviews" />
                </>
              ) : null}
              <NavLink ctx={ctx} href="/leaderboard" label="nav.leaderboard" />
            </ul>
          </nav>
          <ul class="langs" aria-label={t("nav.language")}>
            {LANGUAGES.map((lang) => (
              <li>
                <a
                  href={`/lang/${lang}?next=${encodeURIComponent(ctx.path)}`}
                  hreflang={lang}
                  lang={lang}
                  aria-current={lang === ctx.lang ? "true" : undefined}
                >
                  {LANGUAGE_NAMES[lang]}
                </a>
              </li>
            ))}
          </ul>
          <div class="who">
            {ctx.learnerName ? (
              <>
                <span>{t("auth.signed_in_as", { name: ctx.learnerName })}</span>
                <form method="post" action="/auth/signout">
                  <button type="submit" class="secondary">
                    {t("auth.sign_out")}
                  </button>
                </form>
              </>
            ) : (
              <a href="/signin">{t("auth.sign_in")}</a>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
