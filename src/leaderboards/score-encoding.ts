import { type Period, periodStart } from "./periods.ts";

/**
 * A board's score is `points × 2^26 + tiebreak`, whole numbers all the way: sorted-set scores
 * are doubles, exact up to 2^53, so points stay exact up to 2^27 (134 million) and sums of
 * ZINCRBY deltas never round. The tiebreak falls as time passes (2^26 − 1 − the time slot of
 * the learner's latest points), so of equal points the one who got there first ranks higher.
 */
export const TIEBREAK_SPAN = 2 ** 26;

// Slots: seconds into a day or week (a week is 604,800 s); minutes since 2026 for all-time
// (2^26 minutes is 127 years).
const ALL_TIME_EPOCH = Date.UTC(2026, 0, 1);

function slot(period: Period, atMs: number): number {
  const raw =
    period === "all-time"
      ? Math.floor((atMs - ALL_TIME_EPOCH) / 60_000)
      : Math.floor((atMs - periodStart(period, atMs)) / 1000);
  return Math.min(TIEBREAK_SPAN - 1, Math.max(0, raw));
}

/** The tiebreak part of a score reached at `atMs`: larger for earlier. */
export function tiebreak(period: Period, atMs: number): number {
  return TIEBREAK_SPAN - 1 - slot(period, atMs);
}

/** The points a score stands for. */
export function scorePoints(score: number): number {
  return Math.floor(score / TIEBREAK_SPAN);
}

/**
 * The ZINCRBY delta that adds `points` at `atMs` to a score whose tiebreak was `previous`
 * (0 before the learner's first points on the board): the tiebreak moves to this answer's,
 * so the score always equals total points × 2^26 + the latest tiebreak, whatever the order in
 * which deltas are applied.
 */
export function scoreDelta(
  period: Period,
  points: number,
  atMs: number,
  previous: number,
): { delta: number; tiebreak: number } {
  const next = tiebreak(period, atMs);
  return { delta: points * TIEBREAK_SPAN + next - previous, tiebreak: next };
}
