import { PublicQuestion } from "../../schemas/question.ts";
import {
  type AnswerInput,
  AnswerResult,
  CategoryList,
  type CorrectAnswer,
  SessionState,
  SessionSummary,
  type SubmitAnswerBody,
} from "../../schemas/session-api.ts";
import type { FormFields } from "../dashboard/form-value.ts";
import { type ApiCall, type Probe, probe } from "../http/api-probe.ts";
import type { Feedback, QuizView } from "./pages/quiz-page.tsx";
import type { Topic } from "./pages/start-form.tsx";
import type { SummaryView } from "./pages/summary-page.tsx";

/*
 * The learner app is a client of the sessions API: it reads its answers with the API's own
 * schemas and turns them into what the pages show.
 */

export async function loadTopics(call: ApiCall): Promise<Probe<Topic[]>> {
  const result = await probe(call, "/api/categories", CategoryList);
  if (result.state !== "ok") return result;
  return { ...result, data: result.data.categories.map((c) => ({ name: c.name, questions: c.total })) };
}

function text(form: FormFields, name: string): string | undefined {
  const value = form[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The start form as the API's JSON body; the API validates it (422 with the fields). */
export function startBody(form: FormFields): Record<string, unknown> {
  const number = (name: string) => {
    const value = text(form, name);
    return value === undefined ? undefined : Number(value);
  };
  return {
    topic: text(form, "topic") ?? "",
    difficulty: number("difficulty"),
    length: number("length"),
    mode: text(form, "mode"),
  };
}

export function startQuiz(call: ApiCall, form: FormFields): Promise<Probe<SessionState>> {
  return probe(call, "/api/sessions/start", SessionState, { method: "POST", body: startBody(form) });
}

type ShownState = Pick<
  SessionState,
  "id" | "category" | "length" | "position" | "difficulty" | "finished" | "question"
>;

function quizView(state: ShownState, feedback: Feedback | null): QuizView {
  const question = state.finished ? null : state.question;
  return {
    sessionId: state.id,
    topic: state.category,
    length: state.length,
    answered: state.position,
    level: state.difficulty,
    question,
    finished: state.finished,
    feedback,
    idempotencyKey: crypto.randomUUID(),
    shownAt: Date.now(),
  };
}

export async function loadQuiz(call: ApiCall, id: string): Promise<Probe<QuizView>> {
  const result = await probe(call, `/api/sessions/${encodeURIComponent(id)}`, SessionState);
  return result.state === "ok" ? { ...result, data: quizView(result.data, null) } : result;
}

/** The answer fields of the question card as the API's answer shape. */
export function answerBody(form: FormFields): AnswerInput {
  const choices = form.choice;
  if (choices !== undefined) return { choices: (Array.isArray(choices) ? choices : [choices]).map(String) };
  const value = text(form, "value");
  if (value !== undefined) return { value: Number(value.replace(",", ".")) };
  return { text: typeof form.text === "string" ? form.text : "" };
}

/** How the correct answer reads: choice texts of the question it belongs to, the number (± tolerance), or the accepted texts. */
export function describeAnswer(answer: CorrectAnswer, question: PublicQuestion | null): string {
  if ("choices" in answer) {
    return answer.choices.map((id) => question?.choices.find((c) => c.id === id)?.text ?? id).join(", ");
  }
  if ("value" in answer) return answer.tolerance > 0 ? `${answer.value} ± ${answer.tolerance}` : String(answer.value);
  return answer.text.join(" / ");
}

/** The question card's form as the API's answer request: the form's key, and the body. */
export function answerRequest(form: FormFields): { key: string; body: SubmitAnswerBody } {
  const shownAt = Number(text(form, "shownAt"));
  const elapsedMs = Number.isFinite(shownAt) ? Math.max(0, Math.min(Date.now() - shownAt, 3_600_000)) : undefined;
  return {
    key: text(form, "key") ?? crypto.randomUUID(),
    body: { questionId: text(form, "questionId") ?? "", answer: answerBody(form), elapsedMs },
  };
}

/** Sends an answer and shows its grading with the next question. */
export async function sendAnswer(
  call: ApiCall,
  current: QuizView,
  request: { key: string; body: SubmitAnswerBody },
): Promise<Probe<QuizView>> {
  const result = await probe(call, `/api/sessions/${encodeURIComponent(current.sessionId)}/answers`, AnswerResult, {
    method: "POST",
    headers: { "idempotency-key": request.key },
    body: request.body,
  });
  if (result.state !== "ok") return result;
  const r = result.data;
  const answered =
    current.question?.id === r.questionId
      ? { state: "ok" as const, data: current.question }
      : await probe(call, `/api/questions/${encodeURIComponent(r.questionId)}`, PublicQuestion);
  const feedback: Feedback = {
    correct: r.correct,
    score: r.score,
    correctAnswer: describeAnswer(r.correctAnswer, answered.state === "ok" ? answered.data : null),
    explanation: r.explanation,
    levelBefore: current.level,
    level: r.difficulty,
  };
  const next: ShownState = {
    id: current.sessionId,
    category: current.topic,
    length: current.length,
    position: r.position,
    difficulty: r.difficulty,
    finished: r.finished,
    question: r.next,
  };
  return { ...result, data: quizView(next, feedback) };
}

export async function finishQuiz(call: ApiCall, id: string): Promise<Probe<SummaryView>> {
  const result = await probe(call, `/api/sessions/${encodeURIComponent(id)}/finish`, SessionSummary, {
    method: "POST",
  });
  if (result.state !== "ok") return result;
  const s = result.data;
  return {
    ...result,
    data: {
      answered: s.answered,
      correct: s.correct,
      accuracy: s.accuracy,
      durationMs: s.durationMs,
      path: s.difficultyPath,
    },
  };
}

/**
 * Whether a failed answer was a resubmission of one already recorded: a reloaded feedback page
 * posts the same form (key) again, with a later elapsed time, and the API refuses the key.
 */
export function alreadyAnswered(failure: Probe<unknown>): boolean {
  return failure.state === "failed" && failure.status === 422 && failure.fields.includes("Idempotency-Key");
}
