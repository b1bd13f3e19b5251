import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandKeys, fnv1a64, hammingDistance, simhash64 } from "../../src/pipeline/normalize/simhash.ts";
import { NearDuplicateIndex } from "../../src/pipeline/normalize/simhash-index.ts";

const VOCABULARY = (
  "the a of in which what river capital largest city country planet element first year war king queen born " +
  "discovered painted wrote ocean mountain desert island famous oldest smallest highest longest language " +
  "currency animal bird fish tree flower music song film book author inventor scientist emperor battle " +
  "treaty century empire republic desert lake volcano moon star galaxy atom molecule cell gene protein"
).split(" ");

const wordsArb = (min: number, max: number) =>
  fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max });

describe("SimHash", () => {
  it("hashes with FNV-1a 64", () => {
    expect(fnv1a64("")).toBe(0xcbf29ce484222325n);
    expect(fnv1a64("a")).toBe(0xaf63dc4c8601ec8cn);
  });

  it("ignores case, punctuation and spacing", () => {
    expect(simhash64("What is the capital of France?")).toBe(simhash64("  what IS the capital, of   france "));
    expect(simhash64("")).toBe(0n);
  });

  it("keeps near-identical texts within 3 bits on average, and unrelated texts far apart", () => {
    const appended: number[] = [];
    const replaced: number[] = [];
    const far: number[] = [];
    fc.assert(
      fc.property(
        wordsArb(60, 120),
        fc.constantFrom(...VOCABULARY),
        fc.nat(),
        wordsArb(60, 120),
        (words, extra, at, other) => {
          const text = words.join(" ");
          const hash = simhash64(text);
          // The same text re-typed (case, punctuation, spacing) with one more word.
          appended.push(hammingDistance(hash, simhash64(`${text.toUpperCase().replaceAll(" ", "  ")} ${extra}!`)));
          const edited = [...words];
          edited[at % edited.length] = extra;
          replaced.push(hammingDistance(hash, simhash64(edited.join(" "))));
          far.push(hammingDistance(hash, simhash64(other.join(" "))));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.info(
      `simhash: mean distance ${mean(appended).toFixed(2)} (one word appended), ` +
        `${mean(replaced).toFixed(2)} (one word replaced), ${mean(far).toFixed(2)} (unrelated)`,
    );
    expect(mean(appended)).toBeLessThanOrEqual(3);
    expect(mean(replaced)).toBeLessThanOrEqual(6);
    expect(mean(far)).toBeGreaterThan(24);
    expect(Math.min(...far)).toBeGreaterThan(Math.max(...appended));
  });

  it("counts differing bits", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, (1n << 64n) - 1n)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0110n)).toBe(3);
  });

  it("cuts the hash into 16-bit band keys", () => {
    expect(bandKeys(0x0123456789abcdefn)).toEqual(["0:cdef", "1:89ab", "2:4567", "3:0123"]);
    expect(bandKeys(0n, 8)).toHaveLength(8);
    expect(() => bandKeys(0n, 5)).toThrow(RangeError);
  });

  it("gives hashes within 3 bits at least one common band key", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 3 }),
        (hash, bits) => {
          const other = bits.reduce((h, b) => h ^ (1n << BigInt(b)), hash);
          const keys = new Set(bandKeys(hash));
          expect(bandKeys(other).some((k) => keys.has(k))).toBe(true);
        },
      ),
    );
  });

  it("finds every stored hash within 3 bits through the bands, without a pairwise scan", () => {
    fc.assert(
      fc.property(
        // Unbiased: fast-check otherwise favours 0, 1 and the maximum, which share bands by design.
        fc.uniqueArray(fc.noBias(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 3 }),
        (hashes, pick, bits) => {
          const index = new NearDuplicateIndex<number>();
          hashes.forEach((h, i) => {
            index.add(i, h);
          });
          const target = pick % hashes.length;
          const probe = bits.reduce((h, b) => h ^ (1n << BigInt(b)), hashes[target] ?? 0n);
          const found = index.near(probe);
          expect(found).toContainEqual({ id: target, distance: bits.length });
          // Only bucket mates are checked: the target and, rarely, a chance band collision.
          expect(index.candidates(probe).size).toBeLessThanOrEqual(3);
        },
      ),
    );
  });

  it("finds a re-worded question in an index of real-looking ones and replaces or removes entries", () => {
    const index = new NearDuplicateIndex<string>();
    const bank = {
      rio: 'Which band released songs such as "Rio", "Girls on Film", and "The Reflex" in the early eighties?',
      nile: "What is the longest river in Africa, flowing north through eleven countries into the Mediterranean?",
      pi: "What is the value of pi to three decimal places, as taught in most secondary school classes?",
    };
    for (const [id, text] of Object.entries(bank)) index.add(id, simhash64(text));
    const copy = simhash64(
      'which band released songs such as "Rio", "Girls On Film" and "The Reflex" in the early eighties',
    );
    expect(index.near(copy).map((m) => m.id)).toEqual(["rio"]);
    expect(index.near(simhash64("Who painted the Mona Lisa while living in Florence?"))).toEqual([]);
    index.add("rio", simhash64(bank.nile));
    expect(index.near(copy)).toEqual([]);
    index.remove("nile");
    expect(index.size).toBe(2);
    expect(index.near(simhash64(bank.nile)).map((m) => m.id)).toEqual(["rio"]);
  });
});
