import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReviewsResponse } from "../../schemas/progress-api.ts";
import type { Question } from "../../schemas/question.ts";
import type { AnswerResult, SessionState } from "../../schemas/session-api.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { answerTo, startSession, submitAnswer } from "../helpers/sessions.ts";
import { publishSettings } from "../helpers/settings.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  const bank = await questionBank();
  await seedD1(env.DB, bank);
  byId = new Map(bank.map((q) => [q.id, q]));
});

afterEach(async () => {
  vi.useRealTimers();
  await publishSettings({});
});

/** Plays a whole session, answering right or wrong by position; returns the questions asked. */
async function play(session: SessionState, auth: Record<string, string>, correct: (i: number) => boolean) {
  const asked: string[] = [];
  let question = session.question;
  for (let i = 0; question; i++) {
    const q = byId.get(question.id) as Question;
    asked.push(q.id);
    const res = await submitAnswer(
      session.id,
      { questionId: q.id, answer: answerTo(q, correct(i)), elapsedMs: 12_000 },
      `k${i}`,
      auth,
    );
    expect(res.status).toBe(200);
    question = ((await res.json()) as AnswerResult).next;
  }
  return asked;
}

const reviews = async (auth: Record<string, string>) => {
  const res = await api("/api/me/reviews", { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as ReviewsResponse;
};

describe("spaced repetition through sessions (FSRS cards in the learner's object)", () => {
  it("brings wrong answers back as due reviews after the learning step, and a review session serves them", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const auth = bearer(await learnerToken(`reviewer-${crypto.randomUUID()}`));
    const first = (await (await startSession({ topic: "geography", length: 3 }, auth)).json()) as SessionState;
    const wrong = await play(first, auth, () => false);
    expect(wrong).toHaveLength(3);

    // Not due yet: the first learning step is one minute.
    const before = await reviews(auth);
    expect(before.dueNow).toBe(0);
    expect(Date.parse(before.nextDueAt as string) - start).toBeGreaterThanOrEqual(60_000);
    const early = await startSession({ topic: "geography", mode: "review" }, auth);
    const problem = await expectProblem(early, 404);
    expect(problem.detail).toMatch(/nothing is due for review in 'geography' yet; the next card is due at/);

    vi.setSystemTime(start + 61_000);
    const due = await reviews(auth);
    expect(due.dueNow).toBe(3);
    expect(due.cards.map((c) => c.questionId).sort()).toEqual([...wrong].sort());
    expect(due.cards.every((c) => c.state === "learning" && c.category === "geography")).toBe(true);
    const retrievabilities = due.cards.map((c) => c.retrievability);
    expect(retrievabilities).toEqual([...retrievabilities].sort((a, b) => a - b));

    const review = await startSession({ topic: "geography", mode: "review", length: 10 }, auth);
    expect(review.status).toBe(201);
    const session = (await review.json()) as SessionState;
    expect(session.mode).toBe("review");
    const served = await play(session, auth, () => true);
    // Exactly the due cards, then the session ends although 10 were asked for.
    expect(served.sort()).toEqual([...wrong].sort());
    const after = await reviews(auth);
    expect(after.dueNow).toBe(0);
    expect(Date.parse(after.nextDueAt as string)).toBeGreaterThan(start + 61_000);
  });

  it("mixes due reviews into an adaptive session at adaptive.review_share", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const auth = bearer(await learnerToken(`mixer-${crypto.randomUUID()}`));
    const first = (await (await startSession({ topic: "geography", length: 2 }, auth)).json()) as SessionState;
    const wrong = await play(first, auth, () => false);
    vi.setSystemTime(start + 61_000);

    await publishSettings({ "adaptive.review_share": 0.5 });
    const mixed = (await (await startSession({ topic: "geography", length: 4 }, auth)).json()) as SessionState;
    expect(mixed.mode).toBe("adaptive");
    const asked = await play(mixed, auth, () => true);
    // Slots 2 and 4 of 4 are reviews (share 0.5); the others are the engine's new picks.
    expect(asked).toHaveLength(4);
    expect(wrong).toContain(asked[1]);
    expect(wrong).toContain(asked[3]);
    expect(wrong).not.toContain(asked[0]);
    expect(wrong).not.toContain(asked[2]);
  });

  it("keeps no cards with features.spaced_repetition off, refuses review sessions then and for anonymous callers", async () => {
    const id = `flag-off-${crypto.randomUUID()}`;
    const auth = bearer(await learnerToken(id));
    await publishSettings({
      "features.spaced_repetition": { enabled: true, rolloutPercent: 100, allow: [], deny: [id] },
    });
    const session = (await (await startSession({ topic: "geography", length: 2 }, auth)).json()) as SessionState;
    await play(session, auth, () => false);
    expect((await reviews(auth)).nextDueAt).toBeNull();
    const refused = await expectProblem(await startSession({ topic: "geography", mode: "review" }, auth), 404);
    expect(refused.detail).toMatch(/not enabled/);

    const anonymous = await expectProblem(await startSession({ topic: "geography", mode: "review" }), 404);
    expect(anonymous.detail).toMatch(/signed-in learner/);
    await expectProblem(await api("/api/me/reviews"), 401);
  });
});
