import { daysBetween, localDay } from "./time-zone.ts";

/** A learner's streak as stored: the run so far, the longest ever and the last active day. */
export interface StreakState {
  current: number;
  best: number;
  /** The learner's local calendar day (YYYY-MM-DD) of their latest answer, or null. */
  lastDay: string | null;
}

export const NO_STREAK: StreakState = { current: 0, best: 0, lastDay: null };

/**
 * The streak after an answer at `atMs`, on the learner's calendar in `timeZone`: the same day
 * changes nothing, the next day extends the run, a later day starts a new run of one. An
 * answer dated before the last active day (a clock or zone change) changes nothing either.
 */
export function recordActivity(state: StreakState, atMs: number, timeZone: string): StreakState {
  const today = localDay(atMs, timeZone);
  if (state.lastDay === null) return { current: 1, best: Math.max(state.best, 1), lastDay: today };
  const gap = daysBetween(state.lastDay, today);
  if (gap <= 0) return state;
  const current = gap === 1 ? state.current + 1 : 1;
  return { current, best: Math.max(state.best, current), lastDay: today };
}

/**
 * The streak as the learner sees it at `nowMs`: still alive through the day after the last
 * active day (they can still answer today), zero once a whole day has been missed.
 */
export function visibleStreak(state: StreakState, nowMs: number, timeZone: string): { current: number; best: number } {
  if (state.lastDay === null) return { current: 0, best: state.best };
  const gap = daysBetween(state.lastDay, localDay(nowMs, timeZone));
  return { current: gap <= 1 ? state.current : 0, best: state.best };
}
