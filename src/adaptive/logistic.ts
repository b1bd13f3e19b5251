/** The logistic function: P(correct) of a 1PL item `b` for ability `theta` is sigmoid(theta - b). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The inverse of `sigmoid`, for 0 < p < 1. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
