import { type Question, toPublicQuestion } from "../../../schemas/question.ts";
import type { AnswerResult, SubmitAnswerBody } from "../../../schemas/session-api.ts";
import type { GradedAnswer } from "../../../schemas/session-events.ts";
import { afterAnswer, type EngineState, shownDifficulty } from "../../adaptive/engine.ts";
import { itemDifficulty } from "../../adaptive/item-difficulty.ts";
import type { AdaptiveSettings } from "../../adaptive/settings.ts";
import { AppError } from "../../http/problem.ts";
import { AnswerShapeError, correctAnswerOf, gradeAnswer } from "../grading/grade-answer.ts";
import type { StoredSession } from "../storage/session-store.ts";
import { rounded } from "./views.ts";

export interface Graded {
  event: GradedAnswer;
  engine: EngineState;
  /** The level shown while the question was asked. */
  shownBefore: number;
}

/** Grades a submission against the session's current question (pure; 422 when the answer does not fit). */
export function gradeSubmission(
  session: StoredSession & { current: Question },
  body: SubmitAnswerBody,
  settings: AdaptiveSettings,
  now: number,
  answerId: string,
): Graded {
  const question = session.current;
  let grade: ReturnType<typeof gradeAnswer>;
  try {
    grade = gradeAnswer(question, body.answer);
  } catch (error) {
    if (error instanceof AnswerShapeError) {
      throw new AppError("unprocessable", error.message, { errors: [{ path: error.path, message: error.message }] });
    }
    throw error;
  }
  const b = itemDifficulty(question);
  const engine = afterAnswer(session.engine, b, grade.score, settings);
  const event: GradedAnswer = {
    answerId,
    sessionId: session.id,
    learnerId: session.learnerId,
    questionId: question.id,
    questionVersion: question.version,
    questionType: question.type,
    category: question.category,
    language: question.language,
    itemDifficulty: b,
    level: question.difficulty,
    abilityBefore: session.engine.ability,
    abilityAfter: engine.ability,
    correct: grade.correct,
    score: grade.score,
    answer: body.answer,
    elapsedMs: body.elapsedMs ?? null,
    answeredAt: now,
    position: session.position + 1,
    mode: session.mode,
    engine: session.engine.engine,
  };
  return { event, engine, shownBefore: shownDifficulty(session.engine, settings) };
}

/** The answer response: the first place the key and the explanation are shown. */
export function answerResult(
  graded: Graded,
  question: Question,
  after: StoredSession,
  settings: AdaptiveSettings,
  next: Question | null,
): AnswerResult {
  return {
    sessionId: after.id,
    questionId: question.id,
    correct: graded.event.correct,
    score: rounded(graded.event.score),
    correctAnswer: correctAnswerOf(question),
    explanation: question.explanation,
    difficulty: shownDifficulty(after.engine, settings),
    ability: { theta: rounded(after.engine.ability.theta), se: rounded(after.engine.ability.se) },
    position: after.position,
    finished: after.status === "finished",
    next: next === null ? null : toPublicQuestion(next),
  };
}
