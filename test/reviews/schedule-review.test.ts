import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { StoredCard } from "../../schemas/review-card.ts";
import { answerRating, typicalResponseMs } from "../../src/reviews/answer-rating.ts";
import { decodeCard } from "../../src/reviews/card-codec.ts";
import { orderDue, retrievability, scheduleReview } from "../../src/reviews/schedule-review.ts";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A card through a sequence of ratings, one answer `gapMs` after the card became due. */
function through(ratings: Parameters<typeof scheduleReview>[1][], retention = 0.9, gapMs = 0): StoredCard {
  let card: StoredCard | null = null;
  let now = T0;
  for (const rating of ratings) {
    card = scheduleReview(card, rating, now, retention);
    now = card.due + gapMs;
  }
  return card as StoredCard;
}

describe("FSRS scheduling (ts-fsrs)", () => {
  it("brings a wrong answer back after the first learning step (1 minute), not before", () => {
    const card = scheduleReview(null, "again", T0, 0.9);
    expect(card).toMatchObject({ state: "learning", reps: 1, lastReview: T0 });
    expect(card.due).toBe(T0 + MINUTE);
    expect(orderDue([{ id: "q1", card }], T0 + 30_000, 0.9)).toEqual([]);
    expect(orderDue([{ id: "q1", card }], T0 + MINUTE, 0.9).map((d) => d.id)).toEqual(["q1"]);
  });

  it("moves a right answer on to the next step, then to days once it graduates", () => {
    const first = scheduleReview(null, "good", T0, 0.9);
    expect(first.due).toBe(T0 + 10 * MINUTE);
    const graduated = through(["good", "good"]);
    expect(graduated.state).toBe("review");
    expect(graduated.due - (T0 + 10 * MINUTE)).toBeGreaterThanOrEqual(DAY);
    // A lapse after graduating goes to relearning and counts.
    const lapsed = scheduleReview(graduated, "again", graduated.due, 0.9);
    expect(lapsed).toMatchObject({ state: "relearning", lapses: 1 });
    expect(lapsed.due).toBe(graduated.due + 10 * MINUTE);
  });

  it("schedules shorter intervals for a higher desired retention", () => {
    const interval = (retention: number) => {
      const card = through(["good", "good", "good"], retention);
      return card.scheduledDays;
    };
    expect(interval(0.95)).toBeLessThan(interval(0.9));
    expect(interval(0.9)).toBeLessThan(interval(0.75));
  });

  it("stores only numbers: a card survives JSON and goes on scheduling (no 'getTime is not a function')", () => {
    const card = through(["good", "hard"]);
    const roundTripped = JSON.parse(JSON.stringify(card)) as StoredCard;
    expect(Object.values(roundTripped).every((v) => typeof v !== "object" || v === null)).toBe(true);
    expect(scheduleReview(roundTripped, "good", card.due, 0.9)).toEqual(scheduleReview(card, "good", card.due, 0.9));
    expect(decodeCard(roundTripped).due).toBeInstanceOf(Date);
    // A date that came back as a string is refused where it is read, with a clear error.
    const stringly = { ...roundTripped, due: new Date(card.due).toISOString() };
    expect(() => scheduleReview(stringly as unknown as StoredCard, "good", card.due, 0.9)).toThrow(ZodError);
  });

  it("is deterministic: the same answers give the same card (fuzz is seeded by the card)", () => {
    const ratings = ["good", "good", "easy", "hard"] as const;
    expect(through([...ratings], 0.9, DAY)).toEqual(through([...ratings], 0.9, DAY));
  });

  it("orders due cards by retrievability, lowest first, and leaves out those not due", () => {
    const weak = { id: "weak", card: scheduleReview(null, "again", T0, 0.9) };
    const strong = { id: "strong", card: through(["easy", "easy"]) };
    const now = strong.card.due + 2 * DAY;
    const notDue = { id: "later", card: scheduleReview(null, "good", now, 0.9) };
    const ordered = orderDue([strong, notDue, weak], now, 0.9);
    expect(ordered.map((d) => d.id)).toEqual(["weak", "strong"]);
    expect(ordered[0]?.retrievability).toBeLessThan(ordered[1]?.retrievability ?? 0);
    expect(retrievability(strong.card, strong.card.due, 0.9)).toBeGreaterThan(0.85);
  });
});

describe("rating an answer", () => {
  it("takes a level's typical time: 10 s at level 1, 5 s more per level", () => {
    expect([1, 2, 3, 4, 5].map(typicalResponseMs)).toEqual([10_000, 15_000, 20_000, 25_000, 30_000]);
    expect(typicalResponseMs(9)).toBe(30_000);
  });

  it.each([
    { correct: false, score: 0, elapsedMs: 1_000, level: 3, rating: "again" },
    { correct: false, score: 0, elapsedMs: 60_000, level: 3, rating: "again" },
    { correct: true, score: 1, elapsedMs: 9_999, level: 3, rating: "easy" },
    { correct: true, score: 1, elapsedMs: 10_000, level: 3, rating: "good" },
    { correct: true, score: 1, elapsedMs: 30_000, level: 3, rating: "good" },
    { correct: true, score: 1, elapsedMs: 30_001, level: 3, rating: "hard" },
    { correct: true, score: 0.5, elapsedMs: 5_000, level: 3, rating: "hard" },
    { correct: true, score: 1, elapsedMs: 14_000, level: 5, rating: "easy" },
  ] as const)("$correct in $elapsedMs ms at level $level (score $score): $rating", ({ rating, ...outcome }) => {
    expect(answerRating(outcome)).toBe(rating);
  });
});
