import { boardKey, boardTtlS, PERIODS } from "./periods.ts";
import { scoreDelta } from "./score-encoding.ts";

/** One ZINCRBY (and EXPIRE) on one board. */
export interface BoardWrite {
  key: string;
  delta: number;
  /** EXPIRE after the increment; null for all-time boards. */
  ttlS: number | null;
}

/**
 * The writes of one scoring answer: the daily, weekly and all-time boards, overall and for the
 * question's category. `tiebreaks` holds the learner's latest tiebreak per board key (kept by
 * the caller with its other state); the returned map holds the new tiebreaks of the keys
 * written, to store over the old ones.
 */
export function planBoardWrites(
  answer: { points: number; atMs: number; category: string },
  tiebreaks: ReadonlyMap<string, number>,
): { writes: BoardWrite[]; tiebreaks: Map<string, number> } {
  const next = new Map<string, number>();
  const writes: BoardWrite[] = [];
  for (const period of PERIODS) {
    for (const category of [null, answer.category]) {
      const key = boardKey(period, answer.atMs, category);
      const { delta, tiebreak } = scoreDelta(period, answer.points, answer.atMs, tiebreaks.get(key) ?? 0);
      writes.push({ key, delta, ttlS: boardTtlS(period, answer.atMs) });
      next.set(key, tiebreak);
    }
  }
  return { writes, tiebreaks: next };
}
