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
  const ranked = candidates
    .filter((c) => !exclude.has(c.id))
    .map((c) => ({ c, distance: Math.abs(sigmoid(theta - c.b) - flowThreshold) }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, few);
  if (ranked.length === 0) return null;
  return ranked[Math.min(ranked.length - 1, Math.floor(random() * ranked.length))]?.c ?? null;
}
