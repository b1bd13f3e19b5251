import type { Child } from "hono/jsx";
import { Layout, type Notice, NoticeBox, type PageContext } from "../layout.tsx";
import { StartForm, type Topic } from "./start-form.tsx";

/** The topics (from GET /api/categories) and the start form; anyone may play. */
export function HomePage(props: { ctx: PageContext; topics: Topic[] | null; notice?: Notice }): Child {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.title")}</h1>
      <p>{t("home.lead")}</p>
      <NoticeBox notice={props.notice} />
      <StartForm ctx={ctx} topics={props.topics} />
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">{t("home.topics")}</h2>
        {props.topics === null ? null : props.topics.length === 0 ? (
          <p>{t("home.no_topics")}</p>
        ) : (
          <ul class="topics">
            {props.topics.map((topic) => (
              <li>
                <strong>{topic.name}</strong>
                {topic.questions === null ? null : (
                  <>
                    <br />
                    <span class="help">{t("home.questions", { count: topic.questions })}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {ctx.learnerName ? null : (
        <p>
          <a href="/signin">{t("auth.sign_in")}</a>
        </p>
      )}
    </Layout>
  );
}
