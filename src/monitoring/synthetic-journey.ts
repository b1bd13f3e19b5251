import type { PublicQuestion } from "../../schemas/question.ts";
import { AnswerResult, CategoryList, SessionState } from "../../schemas/session-api.ts";
import type { SyntheticStep } from "../../schemas/synthetic-run.ts";
import { LEARNER_COOKIE } from "../learner/learner-cookie.ts";

/** Sends a request through the whole Worker (routing, pages, the learner object), as a client would. */
export type Dispatch = (request: Request) => Promise<Response>;

export interface JourneyOutcome {
  ok: boolean;
  steps: SyntheticStep[];
  failedStep: SyntheticStep["name"] | null;
  error: string | null;
}

/** Requests go to this origin; dispatch never leaves the Worker. */
const BASE = "https://synthetic.edge-quiz.internal";

class StepFailed extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

function someAnswer(q: PublicQuestion) {
  if (q.type === "numeric") return { value: 0 };
  if (q.type === "short_answer") return { text: "synthetic" };
  return { choices: [q.choices[0]?.id ?? "a"] };
}

/**
 * The seed's journey over HTTP without a browser: the topics, the signed-in dashboard page
 * (with `token`, else the home page), a quiz start, the quiz page's question card and level,
 * option 0 submitted, and the finish. The quiz is anonymous, so the check never shows up in a
 * learner's stats or on a leaderboard. Stops at the first failing step.
 */
export async function runSyntheticJourney(dispatch: Dispatch, token: string | null): Promise<JourneyOutcome> {
  const steps: SyntheticStep[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("user-agent", "edge-quiz-synthetic");
    headers.set("cf-connecting-ip", "192.0.2.1");
    return dispatch(new Request(new URL(path, BASE), { ...init, headers }));
  };
  const step = async <T>(name: SyntheticStep["name"], work: () => Promise<{ status: number; value: T }>) => {
    const started = Date.now();
    try {
      const { status, value } = await work();
      steps.push({ name, ok: true, ms: Date.now() - started, status, detail: null });
      return value;
    } catch (error) {
      const status = error instanceof StepFailed ? error.status : null;
      const detail = error instanceof Error ? error.message : String(error);
      steps.push({ name, ok: false, ms: Date.now() - started, status, detail: detail.slice(0, 300) });
      throw error;
    }
  };
  const expect = async (res: Response, status: number, what: string): Promise<string> => {
    const body = await res.text();
    if (res.status !== status) throw new StepFailed(res.status, `${what}: ${res.status} ${body.slice(0, 200)}`);
    return body;
  };
  const json = (body: unknown) => ({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

  try {
    const topic = await step("topics", async () => {
      const res = await call("/api/categories");
      const list = CategoryList.parse(JSON.parse(await expect(res, 200, "GET /api/categories")));
      const largest = [...list.categories].sort((a, b) => b.total - a.total)[0];
      if (!largest) throw new StepFailed(res.status, "no topics");
      return { status: res.status, value: largest.name };
    });
    await step("sign_in", async () => {
      const res = await call(
        token ? "/dashboard" : "/",
        token ? { headers: { cookie: `${LEARNER_COOKIE}=${token}` } } : {},
      );
      const page = await expect(res, 200, token ? "GET /dashboard" : "GET /");
      if (!page.includes('data-test="start-quiz"')) throw new StepFailed(res.status, "no start-quiz button");
      return { status: res.status, value: null };
    });
    const session = await step("start_quiz", async () => {
      const res = await call("/api/sessions/start", json({ topic, difficulty: 3, length: 2 }));
      return { status: res.status, value: SessionState.parse(JSON.parse(await expect(res, 201, "start"))) };
    });
    await step("question_card", async () => {
      const res = await call(`/quiz/${session.id}`);
      const page = await expect(res, 200, "GET /quiz/:id");
      if (!page.includes('data-test="question-card"')) throw new StepFailed(res.status, "no question card");
      if (!/data-test="difficulty-indicator" data-level="[1-5]\.\d"/.test(page)) {
        throw new StepFailed(res.status, "no difficulty level");
      }
      return { status: res.status, value: null };
    });
    await step("answer", async () => {
      const question = session.question;
      if (!question) throw new StepFailed(null, "the session has no question");
      const res = await call(`/api/sessions/${session.id}/answers`, {
        ...json({ questionId: question.id, answer: someAnswer(question) }),
        headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      });
      const result = AnswerResult.parse(JSON.parse(await expect(res, 200, "answer")));
      return { status: res.status, value: result.difficulty };
    });
    await step("finish", async () => {
      const res = await call(`/api/sessions/${session.id}/finish`, { method: "POST" });
      await expect(res, 200, "finish");
      return { status: res.status, value: null };
    });
    return { ok: true, steps, failedStep: null, error: null };
  } catch (error) {
    const failed = steps.at(-1);
    return {
      ok: false,
      steps,
      failedStep: failed?.name ?? null,
      error: failed?.detail ?? (error instanceof Error ? error.message : String(error)),
    };
  }
}
