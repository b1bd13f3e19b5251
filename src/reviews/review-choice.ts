import type { Question } from "../../schemas/question.ts";
import type { SessionMode } from "../../schemas/session-api.ts";
import type { EngineState } from "../adaptive/engine.ts";
import type { SessionSettings } from "../adaptive/settings.ts";
import { AppError } from "../http/problem.ts";
import { type ChoiceScope, chooseQuestion } from "../sessions/object/choose-question.ts";
import type { QuestionSource } from "../sessions/object/question-source.ts";
import { dueCards, nextDueAt } from "./review-card-store.ts";
import { orderDue } from "./schedule-review.ts";

export interface ReviewContext {
  sql: SqlStorage;
  mode: SessionMode;
  learnerId: string | null;
  /** Questions asked in the session so far. */
  asked: number;
  now: number;
  /** Choosing the session's first question: an empty review session is refused rather than started. */
  starting: boolean;
}

/**
 * Whether the question after `asked` others is a review slot of an adaptive session: slots
 * are spread evenly so that reviews make up `share` of the questions (0.3: the 4th, 7th, 10th…).
 */
export function isReviewSlot(asked: number, share: number): boolean {
  return Math.floor((asked + 1) * share + 1e-9) > Math.floor(asked * share + 1e-9);
}

/** The most at-risk due card of the category not yet asked in the session, as a question; null when none. */
async function dueQuestion(
  source: QuestionSource,
  scope: ChoiceScope,
  review: ReviewContext,
  settings: SessionSettings,
): Promise<Question | null> {
  const due = orderDue(dueCards(review.sql, review.now, scope.category), review.now, settings.desiredRetention);
  for (const { questionId } of due) {
    if (scope.session.has(questionId)) continue;
    const question = await source.question(questionId);
    // A question retired from the bank, or in another language than the session's, is passed over.
    if (question && (scope.language === null || question.language === scope.language)) return question;
  }
  return null;
}

/**
 * The next question of a session: in a review session, the due cards of its category, most at
 * risk first, until none is left; in an adaptive session of a signed-in learner with spaced
 * repetition on, a due review in each review slot (`adaptive.review_share`), else the
 * engine's pick.
 */
export async function chooseNextQuestion(
  source: QuestionSource,
  scope: ChoiceScope,
  state: EngineState,
  settings: SessionSettings,
  review: ReviewContext,
): Promise<Question | null> {
  if (review.mode === "review") {
    const enabled = review.learnerId !== null && settings.spacedRepetition;
    const question = enabled ? await dueQuestion(source, scope, review, settings) : null;
    if (!question && review.starting) throw nothingDue(review, scope.category, enabled);
    return question;
  }
  const reviews = review.learnerId !== null && settings.spacedRepetition && settings.reviewShare > 0;
  if (reviews && isReviewSlot(review.asked, settings.reviewShare)) {
    const question = await dueQuestion(source, scope, review, settings);
    if (question) return question;
  }
  return chooseQuestion(source, scope, state, settings);
}

function nothingDue(review: ReviewContext, category: string, enabled: boolean): AppError {
  if (!enabled) {
    return new AppError(
      "not_found",
      review.learnerId === null
        ? "review sessions need a signed-in learner: nothing is scheduled for anonymous sessions"
        : "spaced repetition is not enabled for this learner (features.spaced_repetition)",
    );
  }
  const next = nextDueAt(review.sql, review.now, category);
  return new AppError(
    "not_found",
    next === null
      ? `nothing is due for review in '${category}': no card is scheduled yet`
      : `nothing is due for review in '${category}' yet; the next card is due at ${new Date(next).toISOString()}`,
  );
}
