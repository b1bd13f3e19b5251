import { sigmoid } from "./logistic.ts";

/** Learners pick at random among this many best candidates, so they do not all see one sequence. */
export const FEW_NEAREST = 4;

export interface Candidate {
  id: string;
  /** Difficulty in logits. */
  b: number;
}

/**
 * The candidate whose predicted P(correct) at `theta` is nearest `flowThreshold`, at random
 * among the `few` nearest; candidates in `exclude` are skipped. Null when none is left.
 */
export function selectItem<C extends Candidate>(
  candidates: readonly C[],
  theta: number,
  flowThreshold: number,
  exclude: ReadonlySet<string>,
  random: () => number = Math.random,
  few = FEW_NEAREST,
): C | null {
  // The few nearest by one pass (the pool can hold thousands), kept sorted by distance.
  const nearest: { c: C; distance: number }[] = [];
  for (const c of candidates) {
    if (exclude.has(c.id)) continue;
    const distance = Math.abs(sigmoid(theta - c.b) - flowThreshold);
    if (nearest.length === few && distance >= (nearest[few - 1]?.distance ?? 0)) continue;
    let at = nearest.length;
    while (at > 0 && (nearest[at - 1]?.distance ?? 0) > distance) at--;
    nearest.splice(at, 0, { c, distance });
    if (nearest.length > few) nearest.pop();
  }
  if (nearest.length === 0) return null;
  return nearest[Math.min(nearest.length - 1, Math.floor(random() * nearest.length))]?.c ?? null;
}
