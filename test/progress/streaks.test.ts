import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { canonicalTimeZone } from "../../schemas/time-zone.ts";
import { masteryLevel } from "../../src/progress/mastery.ts";
import { answerPoints } from "../../src/progress/points.ts";
import { NO_STREAK, recordActivity, type StreakState, visibleStreak } from "../../src/progress/streaks.ts";
import { localDay } from "../../src/progress/time-zone.ts";

const HOUR = 3_600_000;

describe("time zones", () => {
  it("accepts IANA names (canonicalised) and refuses anything else", () => {
    expect(canonicalTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    for (const bad of ["Mars/Olympus", "", "Europe/Paris; DROP TABLE", "../etc", "x".repeat(80)]) {
      expect(canonicalTimeZone(bad)).toBeNull();
    }
  });

  it("puts one instant on different days in different zones", () => {
    const at = Date.UTC(2026, 11, 1, 23, 30);
    expect(localDay(at, "UTC")).toBe("2026-12-01");
    expect(localDay(at, "Asia/Tokyo")).toBe("2026-12-02");
    expect(localDay(at, "America/Los_Angeles")).toBe("2026-12-01");
  });
});

describe("streaks on a fake clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Answers at each local time `hh:mm` of day offsets, in the zone. */
  const answerAt = (state: StreakState, timeZone: string) => recordActivity(state, Date.now(), timeZone);

  it("counts consecutive days in the learner's zone across its midnight, not UTC's", () => {
    // 22:30 and 23:30 UTC on Dec 1 are Dec 2 in Tokyo (UTC+9): one day there, but a new UTC day
    // would only start at 00:00 UTC.
    let tokyo = NO_STREAK;
    let utc = NO_STREAK;
    vi.setSystemTime(Date.UTC(2026, 11, 1, 14, 30)); // 23:30 Tokyo, Dec 1
    tokyo = answerAt(tokyo, "Asia/Tokyo");
    utc = answerAt(utc, "UTC");
    vi.setSystemTime(Date.UTC(2026, 11, 1, 15, 30)); // 00:30 Tokyo, Dec 2; still Dec 1 in UTC
    tokyo = answerAt(tokyo, "Asia/Tokyo");
    utc = answerAt(utc, "UTC");
    expect(tokyo).toEqual({ current: 2, best: 2, lastDay: "2026-12-02" });
    expect(utc).toEqual({ current: 1, best: 1, lastDay: "2026-12-01" });
  });

  it("keeps the streak alive through the next day, breaks it after a missed day, and keeps the best", () => {
    const zone = "America/New_York";
    let state = NO_STREAK;
    for (let day = 0; day < 3; day++) {
      vi.setSystemTime(Date.UTC(2026, 11, 1 + day, 12)); // 07:00 in New York
      state = answerAt(state, zone);
    }
    expect(state).toMatchObject({ current: 3, best: 3 });
    // Several answers on one day count once.
    state = answerAt(state, zone);
    expect(state.current).toBe(3);

    vi.setSystemTime(Date.UTC(2026, 11, 4, 23)); // Dec 4, 18:00 New York: not answered yet today
    expect(visibleStreak(state, Date.now(), zone)).toEqual({ current: 3, best: 3 });
    vi.setSystemTime(Date.UTC(2026, 11, 5, 4, 59)); // Dec 4, 23:59 New York, Dec 5 in UTC
    expect(visibleStreak(state, Date.now(), zone)).toEqual({ current: 3, best: 3 });
    vi.setSystemTime(Date.UTC(2026, 11, 5, 5, 1)); // Dec 5, 00:01 New York: Dec 4 was missed
    expect(visibleStreak(state, Date.now(), zone)).toEqual({ current: 0, best: 3 });

    state = answerAt(state, zone);
    expect(state).toMatchObject({ current: 1, best: 3, lastDay: "2026-12-05" });
  });

  it("ignores an answer dated before the last active day", () => {
    vi.setSystemTime(Date.UTC(2026, 11, 10, 12));
    const state = answerAt(NO_STREAK, "UTC");
    vi.setSystemTime(Date.UTC(2026, 11, 10, 12) - 30 * HOUR);
    expect(answerAt(state, "UTC")).toEqual(state);
  });
});

describe("points and mastery", () => {
  it("weights points by difficulty; wrong answers earn nothing, partial credit its share", () => {
    expect([1, 2, 3, 4, 5].map((level) => answerPoints({ correct: true, score: 1, level }))).toEqual([
      10, 20, 30, 40, 50,
    ]);
    expect(answerPoints({ correct: false, score: 0, level: 5 })).toBe(0);
    expect(answerPoints({ correct: true, score: 0.5, level: 3 })).toBe(15);
    expect(answerPoints({ correct: true, score: 1, level: 99 })).toBe(50);
  });

  it("grades mastery on the cautious bound θ − SE with enough answers", () => {
    expect(masteryLevel({ theta: 0, se: 1, answers: 0 })).toBe("not_started");
    expect(masteryLevel({ theta: -1.2, se: 0.5, answers: 8 })).toBe("novice");
    expect(masteryLevel({ theta: 0.2, se: 0.5, answers: 8 })).toBe("developing");
    expect(masteryLevel({ theta: 1.2, se: 0.5, answers: 8 })).toBe("proficient");
    // A high estimate from few answers, or with a wide error, is not mastery yet.
    expect(masteryLevel({ theta: 3, se: 0.5, answers: 4 })).toBe("developing");
    expect(masteryLevel({ theta: 2, se: 0.8, answers: 20 })).toBe("proficient");
    expect(masteryLevel({ theta: 2.2, se: 0.4, answers: 20 })).toBe("mastered");
  });
});
