import { SignJWT } from "jose";
import type { PublicQuestion } from "../../schemas/question.ts";
import type { AnswerResult, SessionState } from "../../schemas/session-api.ts";
import type { MeteredRequest, MeteredType, Setup } from "./metering.ts";
import { ITERATION } from "./scenario.ts";

/** The request types a learner's day is made of, as the metering pass and `npm run cost` name them. */
export const PROFILE_TYPES = {
  start: "POST /api/sessions/start (signed in)",
  answer: "POST /api/sessions/:id/answers",
  finish: "POST /api/sessions/:id/finish",
  categories: "GET /api/categories",
} as const;

const LEARNERS = 10;
const SESSION_LENGTH = 10;

function json(path: string, body: unknown, headers: Record<string, string>): MeteredRequest {
  return {
    path,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** Some answer of the right shape: grading costs the same right or wrong. */
function someAnswer(q: PublicQuestion) {
  if (q.type === "numeric") return { value: 0 };
  if (q.type === "short_answer") return { text: "an answer" };
  return { choices: [q.choices[0]?.id ?? "a"] };
}

/**
 * The metered request types: the k6 iteration's two, and a signed-in learner's day (topics,
 * session starts, answers, finishes) played by a few learners with tokens signed by `secret`.
 */
export async function meteredTypes(secret: string, samples: number): Promise<MeteredType[]> {
  const tokens = await Promise.all(
    Array.from({ length: LEARNERS }, (_, i) =>
      new SignJWT({ role: "authenticated" })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(`load-learner-${i}`)
        .setAudience("authenticated")
        .setExpirationTime("2h")
        .sign(new TextEncoder().encode(secret)),
    ),
  );
  const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % LEARNERS]}` });
  const start = (i: number) => json("/api/sessions/start", { topic: "geography", length: SESSION_LENGTH }, auth(i));

  // The answer type plays sessions through; the finish type then finishes every one of them.
  let playing: { id: string; learner: number; question: PublicQuestion | null } | null = null;
  const played: { id: string; learner: number }[] = [];
  const nextSession = async (setup: Setup, i: number) => {
    const learner = i % LEARNERS;
    const { status, body } = await setup(start(learner));
    if (status !== 201) throw new Error(`starting a session to answer in: ${status} ${JSON.stringify(body)}`);
    const state = body as SessionState;
    playing = { id: state.id, learner, question: state.question };
    played.push({ id: state.id, learner });
  };

  return [
    ...ITERATION.map((req) => ({
      name: req.name,
      samples,
      request: () => ({ path: req.path, method: req.method, headers: req.headers, body: req.body }),
    })),
    { name: PROFILE_TYPES.categories, samples, request: () => ({ path: "/api/categories" }) },
    { name: PROFILE_TYPES.start, samples, request: (i) => start(i) },
    {
      name: PROFILE_TYPES.answer,
      samples,
      request: async (i, setup) => {
        if (!playing?.question) await nextSession(setup, i);
        const current = playing as unknown as { id: string; learner: number; question: PublicQuestion };
        return json(
          `/api/sessions/${current.id}/answers`,
          { questionId: current.question.id, answer: someAnswer(current.question), elapsedMs: 8000 },
          { ...auth(current.learner), "idempotency-key": `load-${i}` },
        );
      },
      onResponse: (status, body) => {
        if (playing) playing.question = status === 200 ? (body as AnswerResult).next : null;
      },
    },
    {
      name: PROFILE_TYPES.finish,
      samples: Math.max(1, Math.floor(samples / SESSION_LENGTH)),
      request: (i) => {
        const session = played[i % Math.max(1, played.length)] ?? { id: "s_0", learner: 0 };
        return { path: `/api/sessions/${session.id}/finish`, method: "POST", headers: auth(session.learner) };
      },
    },
  ];
}
