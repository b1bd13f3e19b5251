/**
 * Near-duplicate signatures as the scrape step needs them: a signature of the wording, the
 * band keys it is indexed under, and whether two signatures are close. Backed by the
 * normalization module's MinHash (see near-duplicate-signature.ts).
 */
export interface Similarity {
  signature(text: string): string;
  /** Integer keys (see lshBandKeys): stored in the band index as they are. */
  bandKeys(signature: string): number[];
  isNear(a: string, b: string): boolean;
}
