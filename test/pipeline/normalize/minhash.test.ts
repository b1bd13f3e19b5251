import { describe, expect, it } from "vitest";
import { contentWords, estimatedJaccard, lshBandKeys, minhash } from "../../../src/pipeline/normalize/minhash.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";

describe("MinHash", () => {
  it("reads content words: case, punctuation and stopwords do not matter", () => {
    expect(contentWords("What is the capital of France?")).toEqual(new Set(["capital", "france"]));
    expect(contentWords("  CAPITAL, france!! ")).toEqual(new Set(["capital", "france"]));
    // Nothing but stopwords: they are all there is to compare.
    expect(contentWords("Who is it?")).toEqual(new Set(["who", "is", "it"]));
  });

  it("estimates the Jaccard similarity of word sets", () => {
    const words = (n: number, from = 0) => new Set(Array.from({ length: n }, (_, i) => `w${from + i}`));
    // 80 shared of 100: Jaccard 0.8; 256 values put the estimate within a few hundredths.
    const a = minhash(words(90), 256);
    const b = minhash(words(90, 10), 256);
    expect(Math.abs(estimatedJaccard(a, b) - 0.8)).toBeLessThan(0.1);
    expect(estimatedJaccard(a, a)).toBe(1);
    expect(estimatedJaccard(a, minhash(words(90, 1000), 256))).toBeLessThan(0.05);
    expect(estimatedJaccard(a, a.slice(1))).toBe(0);
  });

  it("cuts a signature into hashed bands", () => {
    const keys = lshBandKeys(minhash(new Set(["a", "b"]), 8), 4);
    expect(keys).toHaveLength(2);
    // The band number in the top 3 bits of a 31-bit key, 28 bits of the band's hash below.
    const [first = -1, second = -1] = keys;
    expect(first >>> 28).toBe(0);
    expect(second >>> 28).toBe(1);
    expect(second).toBeLessThan(2 ** 31);
    expect(lshBandKeys(minhash(new Set(["a", "b"]), 32), 4)[7]).toBeLessThan(2 ** 31);
    expect(() => lshBandKeys([1, 2, 3], 2)).toThrow(RangeError);
    expect(() => lshBandKeys(minhash(new Set(["a"]), 9), 1)).toThrow(RangeError);
  });

  it("files a signature of another shape (a stored SimHash) under no band, near nothing", () => {
    const signature = similarity.signature("Which river flows through Cairo?");
    expect(signature).toMatch(/^[0-9a-f]{256}$/);
    expect(similarity.bandKeys(signature)).toHaveLength(6);
    expect(similarity.bandKeys("0123456789abcdef")).toEqual([]);
    expect(similarity.isNear("0123456789abcdef", signature)).toBe(false);
    expect(similarity.isNear(signature, similarity.signature("which RIVER flows through cairo"))).toBe(true);
  });
});
