import { z } from "zod";
import { PublicQuestion } from "../../schemas/question.ts";
import type { FormFields } from "../dashboard/form-value.ts";
import { type ApiCall, type Probe, probe } from "../http/api-probe.ts";
import type { Feedback, QuizView } from "./pages/quiz-page.tsx";
import type { Topic } from "./pages/start-form.tsx";
import type { SummaryView } from "./pages/summary-page.tsx";

/*
 * The learner app is a client of the sessions API (issue 8): it reads the answers it renders
 * through these views, so the pages never depend on more of a payload than they show.
 */

const Categories = z.object({
  categories: z.array(
    z.looseObject({ category: z.string().optional(), name: z.string().optional(), total: z.number().optional() }),
  ),
});

const SessionState = z.looseObject({
  id: z.string(),
  category: z.string(),
  length: z.number().int(),
  position: z.number().int(),
  difficulty: z.number(),
  finished: z.boolean().optional(),
  question: PublicQuestion.nullable().optional(),
});
type SessionState = z.infer<typeof SessionState>;

const AnswerResult = z.looseObject({
  correct: z.boolean(),
  score: z.number(),
  correctAnswer: z.unknown(),
  explanation: z.string().nullable().optional(),
  difficulty: z.number(),
  position: z.number().int(),
  finished: z.boolean(),
  next: PublicQuestion.nullable(),
});

const Summary = z.looseObject({
  answered: z.number().int(),
  correct: z.number().int(),
  accuracy: z.number(),
  durationMs: z.number().nullable().optional(),
  difficultyPath: z.array(z.number()).optional(),
});

export async function loadTopics(call: ApiCall): Promise<Probe<Topic[]>> {
  const result = await probe(call, "/api/categories", Categories);
  if (result.state !== "ok") return result;
  const topics = result.data.categories.flatMap((c) => {
    const name = c.category ?? c.name;
    return name ? [{ name, questions: c.total ?? null }] : [];
  });
  return { ...result, data: topics };
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
  return { topic: text(form, "topic") ?? "", difficulty: number("difficulty"), length: number("length") };
}

export function startQuiz(call: ApiCall, form: FormFields): Promise<Probe<SessionState>> {
  return probe(call, "/api/sessions/start", SessionState, { method: "POST", body: startBody(form) });
}

function quizView(state: SessionState, feedback: Feedback | null): QuizView {
  const question = state.finished ? null : (state.question ?? null);
  return {
    sessionId: state.id,
    topic: state.category,
    length: state.length,
    answered: state.position,
    level: state.difficulty,
    question,
    finished: state.finished ?? question === null,
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
export function answerBody(form: FormFields): Record<string, unknown> {
  const choices = form.choice;
  if (choices !== undefined) return { choices: (Array.isArray(choices) ? choices : [choices]).map(String) };
  const value = text(form, "value");
  if (value !== undefined) return { value: Number(value.replace(",", ".")) };
  return { text: typeof form.text === "string" ? form.text : "" };
}

/** How the correct answer reads for the question it belongs to. */
export function describeAnswer(answer: unknown, question: PublicQuestion | null): string | null {
  if (answer === null || typeof answer !== "object") return answer === undefined ? null : String(answer);
  const a = answer as { choices?: unknown; correct?: unknown; value?: unknown; accepted?: unknown; text?: unknown };
  const ids = Array.isArray(a.choices) ? a.choices : Array.isArray(a.correct) ? a.correct : null;
  if (ids) return ids.map((id) => question?.choices.find((c) => c.id === id)?.text ?? String(id)).join(", ");
  if (typeof a.value === "number") return String(a.value);
  if (Array.isArray(a.accepted)) return a.accepted.map(String).join(" / ");
  if (typeof a.text === "string") return a.text;
  return null;
}

export async function submitAnswer(
  call: ApiCall,
  current: QuizView,
  form: FormFields,
): Promise<Probe<{ quiz: QuizView }>> {
  const key = text(form, "key") ?? crypto.randomUUID();
  const shownAt = Number(text(form, "shownAt"));
  const elapsedMs = Number.isFinite(shownAt) ? Math.max(0, Math.min(Date.now() - shownAt, 3_600_000)) : undefined;
  const result = await probe(call, `/api/sessions/${encodeURIComponent(current.sessionId)}/answers`, AnswerResult, {
    method: "POST",
    headers: { "idempotency-key": key },
    body: { questionId: text(form, "questionId") ?? "", answer: answerBody(form), elapsedMs },
  });
  if (result.state !== "ok") return result;
  const r = result.data;
  const feedback: Feedback = {
    correct: r.correct,
    score: r.score,
    correctAnswer: describeAnswer(r.correctAnswer, current.question),
    explanation: r.explanation ?? null,
    levelBefore: current.level,
    level: r.difficulty,
  };
  const next: SessionState = {
    id: current.sessionId,
    category: current.topic,
    length: current.length,
    position: r.position,
    difficulty: r.difficulty,
    finished: r.finished,
    question: r.next,
  };
  return { ...result, data: { quiz: quizView(next, feedback) } };
}

export async function finishQuiz(call: ApiCall, id: string): Promise<Probe<SummaryView>> {
  const result = await probe(call, `/api/sessions/${encodeURIComponent(id)}/finish`, Summary, { method: "POST" });
  if (result.state !== "ok") return result;
  const s = result.data;
  return {
    ...result,
    data: {
      answered: s.answered,
      correct: s.correct,
      accuracy: s.accuracy,
      durationMs: s.durationMs ?? null,
      path: s.difficultyPath ?? [],
    },
  };
}
