import type { Child } from "hono/jsx";
import { Layout, type Notice, NoticeBox, type PageContext } from "../layout.tsx";
import { StartForm, type Topic } from "./start-form.tsx";

/** A signed-in learner's start page. */
export function DashboardPage(props: { ctx: PageContext; topics: Topic[] | null; notice?: Notice }): Child {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("dashboard.title")}>
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.welcome", { name: ctx.learnerName ?? "" })}</p>
      <NoticeBox notice={props.notice} />
      <p>{t("dashboard.continue")}</p>
      <StartForm ctx={ctx} topics={props.topics} />
      <nav class="card" aria-labelledby="more-title">
        <h2 id="more-title">{t("dashboard.more")}</h2>
        <ul class="links">
          <li>
            <a href="/stats" data-test="link-stats">
              {t("nav.stats")}
            </a>
          </li>
          <li>
            <a href="/reviews" data-test="link-reviews">
              {t("nav.reviews")}
            </a>
          </li>
          <li>
            <a href="/leaderboard" data-test="link-leaderboard">
              {t("nav.leaderboard")}
            </a>
          </li>
        </ul>
      </nav>
    </Layout>
  );
}
