import type { Child } from "hono/jsx";
import { Layout, type PageContext } from "../layout.tsx";

export interface SummaryView {
  answered: number;
  correct: number;
  /** 0 to 1. */
  accuracy: number;
  durationMs: number | null;
  /** The level after each answer. */
  path: number[];
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The end of a quiz: the figures and the path the level took. */
export function SummaryPage(props: { ctx: PageContext; summary: SummaryView }): Child {
  const { ctx, summary } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("summary.title")}>
      <h1 data-test="session-summary">{t("summary.title")}</h1>
      <dl class="figures card">
        <dt>{t("summary.answered")}</dt>
        <dd>{summary.answered}</dd>
        <dt>{t("summary.correct")}</dt>
        <dd>{summary.correct}</dd>
        <dt>{t("summary.accuracy")}</dt>
        <dd>{`${Math.round(summary.accuracy * 100)} %`}</dd>
        {summary.durationMs === null ? null : (
          <>
            <dt>{t("summary.duration")}</dt>
            <dd>{duration(summary.durationMs)}</dd>
          </>
        )}
        {summary.path.length === 0 ? null : (
          <>
            <dt>{t("summary.path")}</dt>
            <dd>{summary.path.map((level) => level.toFixed(1)).join(" → ")}</dd>
          </>
        )}
      </dl>
      <p class="actions">
        <a class="button primary" href={ctx.learnerName ? "/dashboard" : "/"}>
          {t("summary.again")}
        </a>
        {ctx.learnerName ? (
          <a class="button" href="/stats" data-test="link-stats">
            {t("summary.stats")}
          </a>
        ) : null}
        <a class="button" href="/leaderboard" data-test="link-leaderboard">
          {t("summary.leaderboard")}
        </a>
      </p>
    </Layout>
  );
}
