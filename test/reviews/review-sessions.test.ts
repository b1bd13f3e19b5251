import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReviewsResponse } from "../../schemas/progress-api.ts";
import type { Question } from "../../schemas/question.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { playSession, startSession } from "../helpers/sessions.ts";
import { publishSettings } from "../helpers/settings.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

afterEach(async () => {
  vi.useRealTimers();
  await publishSettings({});
});

/** Plays a whole session, right or wrong by position, each answer in 12 s (Good when right). */
const play = (start: Record<string, unknown>, auth: Record<string, string>, correct: (i: number) => boolean) =>
  playSession(byId, auth, start, correct, { elapsedMs: 12_000 });

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
    const { asked: wrong } = await play({ topic: "geography", length: 3 }, auth, () => false);
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

    const review = await play({ topic: "geography", mode: "review", length: 10 }, auth, () => true);
    expect(review.session.mode).toBe("review");
    const served = review.asked;
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
    const { asked: wrong } = await play({ topic: "geography", length: 2 }, auth, () => false);
    vi.setSystemTime(start + 61_000);

    await publishSettings({ "adaptive.review_share": 0.5 });
    const { session: mixed, asked } = await play({ topic: "geography", length: 4 }, auth, () => true);
    expect(mixed.mode).toBe("adaptive");
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
    await play({ topic: "geography", length: 2 }, auth, () => false);
    expect((await reviews(auth)).nextDueAt).toBeNull();
    const refused = await expectProblem(await startSession({ topic: "geography", mode: "review" }, auth), 404);
    expect(refused.detail).toMatch(/not enabled/);

    const anonymous = await expectProblem(await startSession({ topic: "geography", mode: "review" }), 404);
    expect(anonymous.detail).toMatch(/signed-in learner/);
    await expectProblem(await api("/api/me/reviews"), 401);
  });
});
