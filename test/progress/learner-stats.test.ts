import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StatsResponse } from "../../schemas/progress-api.ts";
import type { Question } from "../../schemas/question.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { playSession, startSession } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

afterEach(() => {
  vi.useRealTimers();
});

/** One session of `pattern` answers (true: right) at the (fake) time it is; the token is made then too. */
async function play(learnerId: string, topic: string, pattern: boolean[], timeZone?: string) {
  const auth = bearer(await learnerToken(learnerId));
  const start = { topic, length: pattern.length, ...(timeZone ? { timeZone } : {}) };
  return { points: (await playSession(byId, auth, start, pattern)).points, auth };
}

const stats = async (auth: Record<string, string>) => {
  const res = await api("/api/me/stats", { headers: auth });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as StatsResponse;
};

describe("GET /api/me/stats (from the learner's object)", () => {
  it("counts streak days in the learner's time zone across its midnight (fake clock), with points and per-category figures", async () => {
    const id = `streaker-${crypto.randomUUID()}`;
    // 23:30 in Tokyo on 1 December (14:30 UTC)...
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 1, 14, 30) });
    const day1 = await play(id, "geography", [true, false, true], "Asia/Tokyo");
    expect((await stats(day1.auth)).streak).toEqual({ current: 1, best: 1, timeZone: "Asia/Tokyo" });
    // ...and 00:30 on 2 December in Tokyo, still 1 December in UTC: a second day of the streak.
    vi.setSystemTime(Date.UTC(2026, 11, 1, 15, 30));
    const day2 = await play(id, "history", [true, true]);
    const figures = await stats(day2.auth);
    expect(figures.streak).toEqual({ current: 2, best: 2, timeZone: "Asia/Tokyo" });
    expect(figures).toMatchObject({
      sessions: 2,
      answers: 5,
      correct: 4,
      accuracy: 0.8,
      points: day1.points + day2.points,
    });
    expect(figures.points).toBeGreaterThan(0);
    expect(figures.categories.map((c) => [c.category, c.answers, c.accuracy])).toEqual([
      ["geography", 3, 0.667],
      ["history", 2, 1],
    ]);
    for (const category of figures.categories) {
      expect(category.ability.se).toBeGreaterThan(0);
      expect(category.ability.se).toBeLessThan(1.5);
      expect(["novice", "developing", "proficient", "mastered"]).toContain(category.mastery);
    }
    // Every answer made a card; an hour on, day 1's three are past their learning steps (1 and
    // 10 minutes), day 2's two fall due ten minutes after they were answered.
    expect(figures.reviewsDue).toBe(3);
    vi.setSystemTime(Date.UTC(2026, 11, 1, 15, 45));
    expect((await stats(bearer(await learnerToken(id)))).reviewsDue).toBe(5);

    // A whole Tokyo day without an answer (3 December) breaks the streak; the best stays.
    vi.setSystemTime(Date.UTC(2026, 11, 3, 15, 30)); // 00:30 on 4 December in Tokyo
    expect((await stats(bearer(await learnerToken(id)))).streak).toEqual({
      current: 0,
      best: 2,
      timeZone: "Asia/Tokyo",
    });
  });

  it("counts in UTC by default", async () => {
    const id = `utc-${crypto.randomUUID()}`;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 1, 14, 30) });
    await play(id, "geography", [true]);
    vi.setSystemTime(Date.UTC(2026, 11, 1, 15, 30));
    const { auth } = await play(id, "geography", [true]);
    expect((await stats(auth)).streak).toEqual({ current: 1, best: 1, timeZone: "UTC" });
  });

  it("answers 401 to anonymous callers, empty figures to a new learner, and refuses an unknown time zone with 422", async () => {
    const res = await api("/api/me/stats");
    await expectProblem(res, 401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    const fresh = await stats(bearer(await learnerToken(`new-${crypto.randomUUID()}`)));
    expect(fresh).toEqual({
      sessions: 0,
      answers: 0,
      correct: 0,
      accuracy: 0,
      points: 0,
      streak: { current: 0, best: 0, timeZone: "UTC" },
      reviewsDue: 0,
      categories: [],
    });
    const bad = await startSession({ topic: "geography", timeZone: "Mars/Olympus" }, bearer(await learnerToken("tz")));
    const problem = await expectProblem(bad, 422);
    expect(JSON.stringify(problem.errors)).toContain("timeZone");
  });
});
