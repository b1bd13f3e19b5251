import { normalizeForHash } from "../../questions/content-hash.ts";

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;
const encoder = new TextEncoder();

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/** Words of the hash-normalized text, punctuation removed. */
function words(text: string): string[] {
  return normalizeForHash(text)
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * 64-bit SimHash over word 3-shingles of the normalized text (case, punctuation and spacing
 * do not matter). Texts that share most of their shingles get hashes a few bits apart.
 * A text of fewer than three words is one shingle; an empty text hashes to 0.
 */
export function simhash64(text: string): bigint {
  const w = words(text);
  if (w.length === 0) return 0n;
  const shingles: string[] = [];
  if (w.length < 3) shingles.push(w.join(" "));
  for (let i = 0; i + 3 <= w.length; i++) shingles.push(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  const votes = new Array<number>(64).fill(0);
  for (const shingle of shingles) {
    const h = fnv1a64(shingle);
    // Two 32-bit halves: plain numbers are much faster than BigInt bit tests.
    const lo = Number(h & 0xffffffffn);
    const hi = Number(h >> 32n);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit] = (votes[bit] ?? 0) + ((lo >>> bit) & 1 ? 1 : -1);
      votes[bit + 32] = (votes[bit + 32] ?? 0) + ((hi >>> bit) & 1 ? 1 : -1);
    }
  }
  let hash = 0n;
  for (let bit = 63; bit >= 0; bit--) hash = (hash << 1n) | ((votes[bit] ?? 0) > 0 ? 1n : 0n);
  return hash;
}

/** Number of differing bits between two 64-bit hashes. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = (a ^ b) & MASK;
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}

/**
 * The hash cut into `bands` equal bands (16 bits each for 4), as `"<band>:<hex>"` keys. Two
 * hashes within `bands - 1` bits of each other share at least one key, so near-duplicate
 * candidates are found by exact key lookups instead of comparing every pair.
 */
export function bandKeys(hash: bigint, bands = 4): string[] {
  if (!Number.isInteger(bands) || bands < 1 || 64 % bands !== 0) throw new RangeError("bands must divide 64");
  const width = 64 / bands;
  const mask = (1n << BigInt(width)) - 1n;
  const digits = Math.ceil(width / 4);
  return Array.from({ length: bands }, (_, band) => {
    const value = ((hash & MASK) >> BigInt(band * width)) & mask;
    return `${band}:${value.toString(16).padStart(digits, "0")}`;
  });
}
