/**
 * The prior difficulty of an item from its imported 1–5 level, on the engine's logit scale.
 * Until the adaptive engine (src/adaptive/) exports its mapping this one stands in for it;
 * the consumer itself never needs it, since answer events carry the difficulty the engine used.
 */
export function priorLogit(level: number): number {
  return level - 3;
}
