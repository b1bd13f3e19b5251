import type { Child } from "hono/jsx";
import type { LeaderboardBoard } from "../../../schemas/leaderboard-api.ts";
import { PERIODS, type Period } from "../../leaderboards/periods.ts";
import { Layout, type Notice, NoticeBox, type PageContext } from "../layout.tsx";

export interface LeaderboardView {
  period: Period;
  category: string | null;
  /** Topics for the filter. */
  topics: string[];
  board: LeaderboardBoard | null;
  /** The signed-in learner's place; null when anonymous or unreadable. */
  me: { rank: number | null; points: number; displayName: string } | null;
}

function boardHref(period: Period, category: string | null): string {
  return `/leaderboard?period=${period}${category ? `&category=${encodeURIComponent(category)}` : ""}`;
}

/** A board per period (tabs as links), filtered by topic with a plain GET form. */
export function LeaderboardPage(props: { ctx: PageContext; view: LeaderboardView; notice?: Notice }): Child {
  const { ctx, view } = props;
  const { t } = ctx;
  const topic = view.category ?? t("leaderboard.all_topics");
  return (
    <Layout ctx={ctx} title={t("leaderboard.title")}>
      <h1 data-test="leaderboard">{t("leaderboard.title")}</h1>
      <p>{t("leaderboard.lead")}</p>
      <nav aria-label={t("leaderboard.period")}>
        <ul class="tabs">
          {PERIODS.map((period) => (
            <li>
              <a
                href={boardHref(period, view.category)}
                aria-current={period === view.period ? "page" : undefined}
                data-test={`period-${period}`}
              >
                {t(`leaderboard.${period}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/leaderboard" class="filter">
        <input type="hidden" name="period" value={view.period} />
        <div class="field">
          <label for="category">{t("leaderboard.topic")}</label>
          <select id="category" name="category">
            <option value="" selected={view.category === null}>
              {t("leaderboard.all_topics")}
            </option>
            {view.topics.map((name) => (
              <option value={name} selected={name === view.category}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t("leaderboard.show")}
        </button>
      </form>
      <NoticeBox notice={props.notice} />
      {view.me ? (
        <p class="card" data-test="my-place">
          {view.me.rank === null
            ? t("leaderboard.me_none")
            : t("leaderboard.me", { rank: view.me.rank, points: view.me.points, name: view.me.displayName })}
        </p>
      ) : null}
      {view.board ? (
        <div class="scroll card">
          <table data-test="board">
            <caption>
              {t("leaderboard.caption", { period: t(`leaderboard.${view.period}`), id: view.board.periodId, topic })}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t("leaderboard.rank")}
                </th>
                <th scope="col">{t("leaderboard.name")}</th>
                <th scope="col" class="num">
                  {t("leaderboard.points")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.board.entries.length === 0 ? (
                <tr>
                  <td colspan={3}>{t("leaderboard.empty")}</td>
                </tr>
              ) : (
                view.board.entries.map((entry) => {
                  const mine = view.me?.rank === entry.rank;
                  return (
                    <tr class={mine ? "me" : undefined} data-test={mine ? "my-row" : undefined}>
                      <td class="num">{entry.rank}</td>
                      <td>
                        {entry.displayName}
                        {mine ? ` ${t("leaderboard.you")}` : ""}
                      </td>
                      <td class="num">{entry.points}</td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
  );
}
