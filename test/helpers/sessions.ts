import { expect } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { AnswerInput, AnswerResult, SessionState } from "../../schemas/session-api.ts";
import { answerPoints } from "../../src/progress/points.ts";
import { api } from "./http.ts";

/** The right answer to a bank question, or a wrong one of the right shape. */
export function answerTo(q: Question, correct: boolean): AnswerInput {
  const key = q.answer;
  switch (key.kind) {
    case "choices": {
      if (correct) return { choices: key.correct };
      const wrong = q.choices.find((c) => !key.correct.includes(c.id)) as { id: string };
      return { choices: [wrong.id] };
    }
    case "numeric":
      return { value: correct ? key.value : key.value + key.tolerance + 1000 };
    case "text":
      return { text: correct ? (key.accepted[0] as string) : "certainly not the answer" };
  }
}

export function startSession(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return api("/api/sessions/start", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

export function submitAnswer(
  sessionId: string,
  body: Record<string, unknown>,
  key: string | null,
  headers: Record<string, string> = {},
  env?: Env,
): Promise<Response> {
  return api(`/api/sessions/${sessionId}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === null ? {} : { "idempotency-key": key }), ...headers },
    body: JSON.stringify(body),
    env,
  });
}

export interface Played {
  session: SessionState;
  /** The questions asked, in order. */
  asked: string[];
  /** Leaderboard points the answers earned. */
  points: number;
}

/**
 * Starts a session and answers it: right or wrong per answer by `right` (a list: as many answers
 * as it has; a function: until the session ends). Answers carry `elapsedMs` when given.
 */
export async function playSession(
  bank: Map<string, Question>,
  headers: Record<string, string>,
  start: Record<string, unknown>,
  right: boolean[] | ((i: number) => boolean),
  options: { elapsedMs?: number } = {},
): Promise<Played> {
  const res = await startSession(start, headers);
  expect(res.status).toBe(201);
  const session = (await res.json()) as SessionState;
  const asked: string[] = [];
  let points = 0;
  let question = session.question;
  for (let i = 0; question && (typeof right === "function" || i < right.length); i++) {
    const q = bank.get(question.id) as Question;
    const correct = typeof right === "function" ? right(i) : (right[i] as boolean);
    const body = { questionId: q.id, answer: answerTo(q, correct), ...options };
    const answered = await submitAnswer(session.id, body, `answer-${i}`, headers);
    expect(answered.status).toBe(200);
    const result = (await answered.json()) as AnswerResult;
    asked.push(q.id);
    points += answerPoints({ correct: result.correct, score: result.score, level: q.difficulty });
    question = result.next;
  }
  return { session, asked, points };
}
