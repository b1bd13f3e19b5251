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
    </Layout>
  );
}
