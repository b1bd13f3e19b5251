import type { Question } from "../../schemas/question.ts";
import type { AnswerInput } from "../../schemas/session-api.ts";
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
