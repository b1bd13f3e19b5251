import type { Question } from "../../../schemas/question.ts";
import {
  type AnswerInput,
  type CorrectAnswer,
  MAX_TEXT_ANSWER_BYTES,
  textAnswerTooLong,
} from "../../../schemas/session-api.ts";
import { normalizeAnswerText } from "./normalize-text.ts";

export interface Grade {
  correct: boolean;
  /** 0..1; partial credit for multiple choice. */
  score: number;
}

/** Why an answer cannot be graded against a question: its shape does not fit the type. */
export class AnswerShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "AnswerShapeError";
  }
}

// Floating-point answers such as 0.1 + 0.2 must match 0.3 even with a zero tolerance.
const NUMERIC_EPSILON = 1e-9;

function chosenIds(question: Question, answer: AnswerInput): string[] {
  if (!("choices" in answer))
    throw new AnswerShapeError("answer", `a ${question.type} question takes { "choices": [ids] }`);
  const known = new Set(question.choices.map((c) => c.id));
  const ids = [...new Set(answer.choices)];
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined)
    throw new AnswerShapeError("answer.choices", `'${unknown}' is not a choice of this question`);
  if (question.type !== "multiple_choice" && ids.length !== 1) {
    throw new AnswerShapeError("answer.choices", `a ${question.type} question takes exactly one choice`);
  }
  return ids;
}

/** Multiple choice: the share of correct choices picked minus the share of wrong ones picked, at least 0. */
function choiceScore(correct: readonly string[], chosen: readonly string[], choiceCount: number): number {
  const key = new Set(correct);
  const hits = chosen.filter((id) => key.has(id)).length;
  const misses = chosen.length - hits;
  const wrongChoices = Math.max(1, choiceCount - key.size);
  return Math.max(0, hits / key.size - misses / wrongChoices);
}

/**
 * Grades an answer server-side. Throws `AnswerShapeError` when the answer does not fit the
 * question's type (a choice it does not have, a number for a text question, an over-long text).
 */
export function gradeAnswer(question: Question, answer: AnswerInput): Grade {
  const key = question.answer;
  switch (key.kind) {
    case "choices": {
      const chosen = chosenIds(question, answer);
      const exact = chosen.length === key.correct.length && chosen.every((id) => key.correct.includes(id));
      if (question.type !== "multiple_choice") return { correct: exact, score: exact ? 1 : 0 };
      return { correct: exact, score: exact ? 1 : choiceScore(key.correct, chosen, question.choices.length) };
    }
    case "numeric": {
      if (!("value" in answer)) throw new AnswerShapeError("answer", 'a numeric question takes { "value": number }');
      const correct =
        Math.abs(answer.value - key.value) <= key.tolerance + NUMERIC_EPSILON * Math.max(1, Math.abs(key.value));
      return { correct, score: correct ? 1 : 0 };
    }
    case "text": {
      if (!("text" in answer)) throw new AnswerShapeError("answer", 'a short-answer question takes { "text": string }');
      if (textAnswerTooLong(answer.text)) {
        throw new AnswerShapeError("answer.text", `answers are at most ${MAX_TEXT_ANSWER_BYTES} bytes`);
      }
      const given = normalizeAnswerText(answer.text, key.caseSensitive);
      const correct = key.accepted.some((accepted) => normalizeAnswerText(accepted, key.caseSensitive) === given);
      return { correct, score: correct ? 1 : 0 };
    }
  }
}

/** The answer key as the learner sees it after grading. */
export function correctAnswerOf(question: Question): CorrectAnswer {
  const key = question.answer;
  switch (key.kind) {
    case "choices":
      return { choices: key.correct };
    case "numeric":
      return { value: key.value, tolerance: key.tolerance };
    case "text":
      return { text: key.accepted };
  }
}
