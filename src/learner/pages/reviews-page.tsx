import type { Child } from "hono/jsx";
import type { ReviewsResponse } from "../../../schemas/progress-api.ts";
import { Layout, type PageContext } from "../layout.tsx";

/** A review session takes at most this many of a topic's due cards at once. */
const REVIEW_LENGTH = 10;

const utc = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** Due cards per topic, in the order the API ranks them (most at risk first). */
function dueByTopic(cards: ReviewsResponse["cards"]): [string, number][] {
  const counts = new Map<string, number>();
  for (const card of cards) counts.set(card.category, (counts.get(card.category) ?? 0) + 1);
  return [...counts];
}

/** The reviews due, and per topic a form starting a review session (`mode=review`) on them. */
export function ReviewsPage(props: { ctx: PageContext; reviews: ReviewsResponse }): Child {
  const { ctx, reviews } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("reviews.title")}>
      <h1 data-test="reviews">{t("reviews.title")}</h1>
      <p>{t("reviews.lead")}</p>
      <div class="card">
        <p data-test="reviews-due">
          {reviews.dueNow === 0 ? t("reviews.none") : t("reviews.due_count", { count: reviews.dueNow })}
        </p>
        {reviews.nextDueAt && reviews.dueNow === 0 ? (
          <p class="help">{t("reviews.next", { when: utc(reviews.nextDueAt) })}</p>
        ) : null}
        <div class="actions">
          {dueByTopic(reviews.cards).map(([topic, count]) => (
            <form method="post" action="/quiz">
              <input type="hidden" name="topic" value={topic} />
              <input type="hidden" name="mode" value="review" />
              <input type="hidden" name="length" value={String(Math.min(count, REVIEW_LENGTH))} />
              <button type="submit" data-test="start-review">
                {t("reviews.start", { topic, count })}
              </button>
            </form>
          ))}
        </div>
      </div>
      {reviews.cards.length === 0 ? null : (
        <div class="scroll card">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reviews.topic")}</th>
                <th scope="col" class="num">
                  {t("reviews.level")}
                </th>
                <th scope="col">{t("reviews.due_since")}</th>
                <th scope="col" class="num">
                  {t("reviews.recall")}
                </th>
              </tr>
            </thead>
            <tbody>
              {reviews.cards.map((card) => (
                <tr>
                  <td>{card.category}</td>
                  <td class="num">{card.level}</td>
                  <td>{utc(card.due)}</td>
                  <td class="num">{`${Math.round(card.retrievability * 100)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
