import type { Child } from "hono/jsx";
import type { PublicQuestion } from "../../../schemas/question.ts";
import { Layout, type Notice, NoticeBox, type PageContext } from "../layout.tsx";

/** What the quiz page shows, whatever the API calls it. */
export interface QuizView {
  sessionId: string;
  topic: string;
  length: number;
  /** Answers given so far. */
  answered: number;
  /** The level shown to the learner, 1 to 5 with one decimal. */
  level: number;
  question: PublicQuestion | null;
  finished: boolean;
  feedback: Feedback | null;
  /** Fresh per rendered question, so a resubmitted form is the same answer, recorded once. */
  idempotencyKey: string;
  shownAt: number;
}

export interface Feedback {
  correct: boolean;
  /** 0 to 1; partial credit for multiple choice. */
  score: number;
  correctAnswer: string | null;
  explanation: string | null;
  levelBefore: number;
  level: number;
}

function formatLevel(level: number): string {
  return level.toFixed(1);
}

/** The level as text and as five squares; `data-level` is what the seed's journey reads. */
export function DifficultyIndicator(props: { ctx: PageContext; level: number }): Child {
  const level = formatLevel(props.level);
  return (
    <p class="level" data-test="difficulty-indicator" data-level={level}>
      <span>{props.ctx.t("quiz.difficulty", { level })}</span>
      <span class="bar" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((step) => (
          <span class={props.level >= step - 0.5 ? "on" : undefined} />
        ))}
      </span>
    </p>
  );
}

function FeedbackBox(props: { ctx: PageContext; feedback: Feedback }): Child {
  const { t } = props.ctx;
  const { feedback } = props;
  const verdict =
    feedback.correct && feedback.score >= 1
      ? t("quiz.correct")
      : feedback.score > 0
        ? t("quiz.partly", { score: Math.round(feedback.score * 100) })
        : t("quiz.wrong");
  return (
    <div class={`feedback ${feedback.correct ? "right" : "wrong"}`}>
      <h2 tabindex={-1} data-focus-on-load>
        {verdict}
      </h2>
      {feedback.correctAnswer === null ? null : <p>{t("quiz.correct_answer", { answer: feedback.correctAnswer })}</p>}
      {feedback.explanation ? (
        <p>
          <strong>{t("quiz.explanation")}:</strong> {feedback.explanation}
        </p>
      ) : null}
      {feedback.level === feedback.levelBefore ? null : (
        <p>{t("quiz.level_change", { level: formatLevel(feedback.level) })}</p>
      )}
    </div>
  );
}

function AnswerInputs(props: { ctx: PageContext; question: PublicQuestion }): Child {
  const { t } = props.ctx;
  const { question } = props;
  if (question.type === "numeric" || question.type === "short_answer") {
    const numeric = question.type === "numeric";
    return (
      <div class="field">
        <label for="answer-value">{t(numeric ? "quiz.your_number" : "quiz.your_text")}</label>
        <input
          type="text"
          id="answer-value"
          name={numeric ? "value" : "text"}
          required
          maxlength={1000}
          autocomplete="off"
          inputmode={numeric ? "decimal" : undefined}
          data-test="answer-input"
        />
      </div>
    );
  }
  const many = question.type === "multiple_choice";
  return (
    <fieldset class="options">
      <legend>{t(many ? "quiz.choose_many" : "quiz.choose_one")}</legend>
      {question.choices.map((choice, index) => (
        <label class="option" data-test={`answer-option-${index}`}>
          <input type={many ? "checkbox" : "radio"} name="choice" value={choice.id} required={!many} />
          <span>{choice.text}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The quiz: progress, level, the feedback on the last answer (in a live region), then the
 * question card as a form that posts to the Worker.
 */
export function QuizPage(props: { ctx: PageContext; quiz: QuizView; notice?: Notice }): Child {
  const { ctx, quiz } = props;
  const { t } = ctx;
  const position = Math.min(quiz.answered + (quiz.question ? 1 : 0), quiz.length);
  return (
    <Layout ctx={ctx} title={t("quiz.title", { topic: quiz.topic })}>
      <h1>{t("quiz.title", { topic: quiz.topic })}</h1>
      <div class="quiz-head">
        <p id="progress-label">{t("quiz.progress", { position, length: quiz.length })}</p>
        <DifficultyIndicator ctx={ctx} level={quiz.level} />
      </div>
      <progress max={quiz.length} value={quiz.answered} aria-labelledby="progress-label" />
      <NoticeBox notice={props.notice} />
      <div aria-live="polite" id="feedback">
        {quiz.feedback ? <FeedbackBox ctx={ctx} feedback={quiz.feedback} /> : null}
      </div>
      {quiz.question ? (
        <form
          method="post"
          action={`/quiz/${encodeURIComponent(quiz.sessionId)}/answer`}
          class="card"
          data-test="question-card"
          aria-labelledby="question-text"
        >
          <input type="hidden" name="questionId" value={quiz.question.id} />
          <input type="hidden" name="key" value={quiz.idempotencyKey} />
          <input type="hidden" name="shownAt" value={String(quiz.shownAt)} />
          <p class="question-text" id="question-text">
            {quiz.question.text}
          </p>
          <AnswerInputs ctx={ctx} question={quiz.question} />
          <div class="actions">
            <button type="submit" data-test="submit-answer">
              {t("quiz.submit")}
            </button>
          </div>
        </form>
      ) : (
        <p>{t("quiz.done")}</p>
      )}
      <form method="post" action={`/quiz/${encodeURIComponent(quiz.sessionId)}/finish`} class="actions">
        <button type="submit" class={quiz.question ? "secondary" : undefined} data-test="finish-quiz">
          {t("quiz.finish")}
        </button>
      </form>
    </Layout>
  );
}
