import type { Child } from "hono/jsx";
import type { StatsResponse } from "../../../schemas/progress-api.ts";
import { Layout, type PageContext } from "../layout.tsx";
import { AbilityChart } from "./ability-chart.tsx";

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The learner's figures, the chart of ability per topic over time, and a row per topic. */
export function StatsPage(props: { ctx: PageContext; stats: StatsResponse }): Child {
  const { ctx, stats } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("stats.title")}>
      <h1 data-test="stats">{t("stats.title")}</h1>
      <p>{t("stats.lead")}</p>
      {stats.answers === 0 ? (
        <p class="card">
          {t("stats.empty")} <a href="/dashboard">{t("nav.dashboard")}</a>
        </p>
      ) : null}
      <dl class="figures card" data-test="stats-figures">
        <dt>{t("stats.sessions")}</dt>
        <dd>{stats.sessions}</dd>
        <dt>{t("stats.answers")}</dt>
        <dd data-test="stats-answers">{stats.answers}</dd>
        <dt>{t("stats.correct")}</dt>
        <dd>{stats.correct}</dd>
        <dt>{t("stats.accuracy")}</dt>
        <dd>{percent(stats.accuracy)}</dd>
        <dt>{t("stats.points")}</dt>
        <dd>{stats.points}</dd>
        <dt>{t("stats.streak")}</dt>
        <dd>{t("stats.streak_value", { current: stats.streak.current, best: stats.streak.best })}</dd>
        <dt>{t("stats.reviews_due")}</dt>
        <dd>
          <a href="/reviews">{stats.reviewsDue}</a>
        </dd>
      </dl>
      <AbilityChart ctx={ctx} series={stats.categories.map((c) => ({ category: c.category, days: c.history }))} />
      {stats.categories.length === 0 ? null : (
        <section class="card" aria-labelledby="per-topic">
          <h2 id="per-topic">{t("stats.per_topic")}</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("stats.topic")}</th>
                  <th scope="col">{t("stats.mastery")}</th>
                  <th scope="col" class="num">
                    {t("stats.ability")}
                  </th>
                  <th scope="col" class="num">
                    {t("stats.answers")}
                  </th>
                  <th scope="col" class="num">
                    {t("stats.accuracy")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.categories.map((c) => (
                  <tr>
                    <th scope="row">{c.category}</th>
                    <td>{t(`mastery.${c.mastery}`)}</td>
                    <td class="num">{`${c.ability.theta.toFixed(2)} ± ${c.ability.se.toFixed(2)}`}</td>
                    <td class="num">{c.answers}</td>
                    <td class="num">{percent(c.accuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Layout>
  );
}
