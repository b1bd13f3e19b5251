import { normalizeForHash } from "../../questions/content-hash.ts";

/**
 * Words that nearly every question shares. Left in, they make unrelated questions collide in
 * the band index, and the candidates to check would grow with the store.
 */
const STOPWORDS = new Set(
  (
    "a an and are as at be by did do does for from has have how in is it its of on or the this to was " +
    "were what when where which who whom whose why with"
  ).split(" "),
);

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/** MurmurHash3's finalizer: a cheap 32-bit permutation, one per seed. */
function mix32(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The distinct content words of the hash-normalized text (case and punctuation do not
 * matter), stopwords dropped unless nothing else is left.
 */
export function contentWords(text: string): Set<string> {
  const all = normalizeForHash(text)
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  const content = all.filter((w) => !STOPWORDS.has(w));
  return new Set(content.length > 0 ? content : all);
}

/**
 * `size` MinHash values of the word set: the chance that two sets agree at a position is their
 * Jaccard similarity. An empty set gives all 0xffffffff.
 */
export function minhash(words: Set<string>, size: number): number[] {
  const mins = new Array<number>(size).fill(0xffffffff);
  for (const word of words) {
    const h = fnv1a32(word);
    for (let i = 0; i < size; i++) {
      const v = mix32(h ^ Math.imul(i + 1, 0x9e3779b9));
      if (v < (mins[i] ?? 0)) mins[i] = v;
    }
  }
  return mins;
}

/** Share of positions where two MinHash signatures agree: their estimated Jaccard similarity. */
export function estimatedJaccard(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Bands a signature may be cut into: the band number takes the top 3 bits of a 31-bit key. */
const MAX_BANDS = 8;
const HASH_BITS = 28;

/**
 * LSH band keys: the signature cut into bands of `rows` values, each band hashed. A key is a
 * positive 31-bit integer, the band number in its top 3 bits and 28 bits of the band's hash
 * below, so a stored key takes 4 bytes. Two sets of Jaccard similarity J share a key with
 * probability 1 − (1 − J^rows)^bands.
 */
export function lshBandKeys(signature: number[], rows: number): number[] {
  if (!Number.isInteger(rows) || rows < 1 || signature.length % rows !== 0) {
    throw new RangeError("rows must divide the signature length");
  }
  if (signature.length / rows > MAX_BANDS) throw new RangeError(`at most ${MAX_BANDS} bands`);
  const keys: number[] = [];
  for (let band = 0; band * rows < signature.length; band++) {
    const values = signature.slice(band * rows, (band + 1) * rows);
    keys.push(band * 2 ** HASH_BITS + (fnv1a32(values.join(",")) >>> (32 - HASH_BITS)));
  }
  return keys;
}
