import { sigmoid } from "./logistic.ts";

/** Learners pick at random among this many best candidates, so they do not all see one sequence. */
export const FEW_NEAREST = 4;
/** Distances this close count as equal. */
const TIE = 1e-9;

export interface Candidate {
  id: string;
  /** Difficulty in logits. */
  b: number;
}

/**
 * The candidate whose predicted P(correct) at `theta` is nearest `flowThreshold`, at random
 * among the `few` nearest and any tied with them; candidates in `exclude` are skipped. Null
 * when none is left.
 */
export function selectItem<C extends Candidate>(
  candidates: readonly C[],
  theta: number,
  flowThreshold: number,
  exclude: ReadonlySet<string>,
  random: () => number = Math.random,
  few = FEW_NEAREST,
): C | null {
  // Two passes: the distance of the few-th nearest, then every candidate at most that far. Ties
  // are common (uncalibrated items share their level's difficulty), and all of them are drawn
  // from, so learners do not all get the bank's first questions of a level.
  const nearest: number[] = [];
  for (const c of candidates) {
    if (exclude.has(c.id)) continue;
    const distance = Math.abs(sigmoid(theta - c.b) - flowThreshold);
    if (nearest.length === few && distance >= (nearest[few - 1] ?? 0)) continue;
    let at = nearest.length;
    while (at > 0 && (nearest[at - 1] ?? 0) > distance) at--;
    nearest.splice(at, 0, distance);
    if (nearest.length > few) nearest.pop();
  }
  if (nearest.length === 0) return null;
  const bound = (nearest[nearest.length - 1] ?? 0) + TIE;
  const pool = candidates.filter((c) => !exclude.has(c.id) && Math.abs(sigmoid(theta - c.b) - flowThreshold) <= bound);
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))] ?? null;
}
