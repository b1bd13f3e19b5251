import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planBoardWrites } from "../../src/leaderboards/board-increments.ts";
import { boardKey, boardTtlS, periodId, periodStart } from "../../src/leaderboards/periods.ts";
import { scoreDelta, scorePoints, TIEBREAK_SPAN, tiebreak } from "../../src/leaderboards/score-encoding.ts";

const at = (iso: string) => Date.parse(iso);

describe("board periods", () => {
  it("names UTC days and ISO weeks, including weeks that straddle a year", () => {
    expect(periodId("daily", at("2026-12-01T23:59:59Z"))).toBe("2026-12-01");
    expect(periodId("weekly", at("2026-12-01T10:00:00Z"))).toBe("2026-W49");
    // 2026 starts on a Thursday, so it has 53 ISO weeks; Friday 1 Jan 2027 is still in its last.
    expect(periodId("weekly", at("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(periodId("weekly", at("2027-01-04T00:00:00Z"))).toBe("2027-W01");
    expect(periodId("weekly", at("2025-12-29T00:00:00Z"))).toBe("2026-W01");
    expect(periodStart("weekly", at("2026-12-06T23:00:00Z"))).toBe(at("2026-11-30T00:00:00Z"));
  });

  it("keys boards by period and category, and expires period keys one period after they end", () => {
    const now = at("2026-12-01T18:00:00Z");
    expect(boardKey("daily", now)).toBe("lb:daily:2026-12-01");
    expect(boardKey("weekly", now, "world geography")).toBe("lb:weekly:2026-W49:c:world%20geography");
    expect(boardKey("all-time", now, null)).toBe("lb:all-time:all");
    expect(boardTtlS("daily", now)).toBe(6 * 3600 + 86_400);
    expect(boardTtlS("weekly", now)).toBe((6 * 86_400 - 18 * 3600) / 1 + 7 * 86_400);
    expect(boardTtlS("all-time", now)).toBeNull();
  });
});

describe("score encoding", () => {
  it("ranks equal points by who reached them first", () => {
    const first = scoreDelta("daily", 30, at("2026-12-01T08:00:00Z"), 0);
    const second = scoreDelta("daily", 30, at("2026-12-01T09:00:00Z"), 0);
    expect(first.delta).toBeGreaterThan(second.delta);
    expect(scorePoints(first.delta)).toBe(30);
    expect(scorePoints(second.delta)).toBe(30);
    expect(tiebreak("all-time", at("2026-12-01T08:00:00Z"))).toBeGreaterThan(
      tiebreak("all-time", at("2027-12-01T08:00:00Z")),
    );
  });

  it("keeps total points × 2^26 + the latest tiebreak exactly, whatever order the deltas are applied in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ points: fc.integer({ min: 0, max: 50 }), offsetS: fc.integer({ min: 0, max: 86_399 }) }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer(),
        (answers, seed) => {
          const day = at("2026-12-01T00:00:00Z");
          const times = answers.map((a) => day + a.offsetS * 1000).sort((a, b) => a - b);
          let previous = 0;
          const deltas = times.map((t, i) => {
            const step = scoreDelta("daily", answers[i]?.points ?? 0, t, previous);
            previous = step.tiebreak;
            return step.delta;
          });
          // A retried increment may land after later ones: addition does not care.
          const shuffled = [...deltas].sort((a, b) => ((a * 31 + seed) % 7) - ((b * 31 + seed) % 7));
          const score = shuffled.reduce((sum, d) => sum + d, 0);
          const total = answers.reduce((sum, a) => sum + a.points, 0);
          expect(Number.isSafeInteger(score)).toBe(true);
          expect(score).toBe(total * TIEBREAK_SPAN + previous);
          expect(scorePoints(score)).toBe(total);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it("plans six writes per scoring answer (three periods, overall and the category) and carries the tiebreaks", () => {
    const now = at("2026-12-01T10:00:00Z");
    const { writes, tiebreaks } = planBoardWrites({ points: 20, atMs: now, category: "history" }, new Map());
    expect(writes.map((w) => w.key)).toEqual([
      "lb:daily:2026-12-01",
      "lb:daily:2026-12-01:c:history",
      "lb:weekly:2026-W49",
      "lb:weekly:2026-W49:c:history",
      "lb:all-time:all",
      "lb:all-time:all:c:history",
    ]);
    const next = planBoardWrites({ points: 10, atMs: now + 60_000, category: "history" }, tiebreaks);
    const daily = next.writes[0];
    expect(scorePoints((writes[0]?.delta ?? 0) + (daily?.delta ?? 0))).toBe(30);
  });
});
