import { bandKeys, hammingDistance, simhash64 } from "../normalize/simhash.ts";
import type { Similarity } from "./similarity.ts";

/** Four 16-bit bands: hashes up to 3 bits apart always share a band, so none is missed. */
const BANDS = 4;
export const NEAR_DUPLICATE_MAX_BITS = BANDS - 1;

const toBigInt = (hex: string) => BigInt(`0x${hex}`);

/** The normalization module's 64-bit SimHash, as hex, with its banded index keys. */
export const nearDuplicateSignature: Similarity = {
  signature: (text) => simhash64(text).toString(16).padStart(16, "0"),
  bandKeys: (signature) => bandKeys(toBigInt(signature), BANDS),
  isNear: (a, b) => hammingDistance(toBigInt(a), toBigInt(b)) <= NEAR_DUPLICATE_MAX_BITS,
};
