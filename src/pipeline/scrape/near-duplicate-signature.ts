import { contentWords, estimatedJaccard, lshBandKeys, minhash } from "../normalize/minhash.ts";
import type { Similarity } from "./similarity.ts";

/**
 * 32 MinHash values over the content words of the wording (text and choices); the first 24 are
 * cut into 6 LSH bands of 4 rows: sets of Jaccard 0.8 share a band with probability 0.958, of
 * Jaccard 0.9 with 0.998, of Jaccard 0.5 with 0.32, of Jaccard 0.2 with 0.010. All 32 estimate the
 * Jaccard of a candidate. A one-word edit of a short question keeps its Jaccard near 0.8 or
 * above, where a 64-bit SimHash moves 8–10 bits and left every band. Six bands rather than
 * eight: the band index is the store's largest, and on the fixtures recall (0.955) and false
 * positives (0.68 %) are the same with six as with eight (README, near-duplicate index).
 */
const VALUES = 32;
const ROWS = 4;
const BANDS = 6;
/** Estimated Jaccard at or above which two questions are near duplicates (measured on the fixtures). */
export const NEAR_DUPLICATE_MIN_JACCARD = 0.8;

const HEX_PER_VALUE = 8;

function parse(signature: string): number[] {
  const values: number[] = [];
  for (let i = 0; i < signature.length; i += HEX_PER_VALUE) {
    values.push(Number.parseInt(signature.slice(i, i + HEX_PER_VALUE), 16));
  }
  return values;
}

/** MinHash signature as hex (8 digits per value), with its LSH band keys. */
export const nearDuplicateSignature: Similarity = {
  signature: (text) =>
    minhash(contentWords(text), VALUES)
      .map((v) => v.toString(16).padStart(HEX_PER_VALUE, "0"))
      .join(""),
  // A signature of another shape (a SimHash stored before MinHash) is filed under no band.
  bandKeys: (signature) => {
    const values = parse(signature);
    return values.length === VALUES ? lshBandKeys(values.slice(0, BANDS * ROWS), ROWS) : [];
  },
  isNear: (a, b) => estimatedJaccard(parse(a), parse(b)) >= NEAR_DUPLICATE_MIN_JACCARD,
};
