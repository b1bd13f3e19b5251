import type { Question } from "../../schemas/question.ts";
import type { AnswerResult, SessionState } from "../../schemas/session-api.ts";
import { answerTo, startSession, submitAnswer } from "./sessions.ts";
import { bearer, learnerToken } from "./tokens.ts";

/** Plays one whole session through the API (every other answer right); returns its id and the answer count. */
export async function playSession(
  learner: string,
  byId: Map<string, Question>,
  options: { topic?: string; length?: number } = {},
): Promise<{ sessionId: string; answered: number }> {
  const auth = bearer(await learnerToken(learner));
  const length = options.length ?? 10;
  const start = await startSession({ topic: options.topic ?? "Geography", difficulty: 3, length }, auth);
  if (start.status !== 201) throw new Error(`start: ${start.status} ${await start.text()}`);
  const session = (await start.json()) as SessionState;
  let question = session.question;
  let answered = 0;
  while (question) {
    const q = byId.get(question.id) as Question;
    const res = await submitAnswer(
      session.id,
      { questionId: q.id, answer: answerTo(q, answered % 2 === 0), elapsedMs: 3000 },
      `k-${answered}`,
      auth,
    );
    if (res.status !== 200) throw new Error(`answer: ${res.status} ${await res.text()}`);
    answered++;
    question = ((await res.json()) as AnswerResult).next;
  }
  return { sessionId: session.id, answered };
}
