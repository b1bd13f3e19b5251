import type { Child } from "hono/jsx";
import type { PageContext } from "../layout.tsx";

export interface Topic {
  /** The category name the API takes as `topic`. */
  name: string;
  questions: number | null;
}

/** Starting a quiz is a plain form post; the Worker answers with the quiz page. */
export function StartForm(props: { ctx: PageContext; topics: Topic[] | null }): Child {
  const { t } = props.ctx;
  return (
    <section class="card" aria-labelledby="start-title">
      <h2 id="start-title">{t("start.title")}</h2>
      <form method="post" action="/quiz">
        <div class="field">
          <label for="topic">{t("start.topic")}</label>
          {props.topics && props.topics.length > 0 ? (
            <select id="topic" name="topic" required>
              {props.topics.map((topic) => (
                <option value={topic.name}>{topic.name}</option>
              ))}
            </select>
          ) : (
            <input type="text" id="topic" name="topic" required maxlength={100} value="math" autocomplete="off" />
          )}
        </div>
        <div class="field">
          <label for="difficulty">{t("start.difficulty")}</label>
          <select id="difficulty" name="difficulty" aria-describedby="difficulty-help">
            {[1, 2, 3, 4, 5].map((level) => (
              <option value={String(level)} selected={level === 3}>
                {String(level)}
              </option>
            ))}
          </select>
          <p class="help" id="difficulty-help">
            {t("start.difficulty_help")}
          </p>
        </div>
        <div class="field">
          <label for="length">{t("start.length")}</label>
          <input type="number" id="length" name="length" min={1} max={50} value="10" inputmode="numeric" />
        </div>
        <div class="actions">
          <button type="submit" data-test="start-quiz">
            {t("start.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
