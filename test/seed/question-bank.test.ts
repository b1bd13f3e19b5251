import { describe, expect, it } from "vitest";
import { BLOOM_LEVELS, QUESTION_TYPES, Question } from "../../schemas/question.ts";
import { contentHash, questionIdFor } from "../../src/questions/content-hash.ts";
import { buildQuestionBank, SEED_CATEGORIES } from "../../src/seed/question-bank.ts";

const bank = await buildQuestionBank();

/** Texts of the choices the key marks correct. */
function correctTexts(q: Question): string[] {
  if (q.answer.kind !== "choices") return [];
  const correct = new Set(q.answer.correct);
  return q.choices.filter((c) => correct.has(c.id)).map((c) => c.text);
}

/** Questions whose text matches `pattern`, with its capture groups as numbers. */
function matching(pattern: RegExp): [Question, number[]][] {
  return bank.flatMap((q) => {
    const m = pattern.exec(q.text);
    return m ? [[q, m.slice(1).map(Number)] as [Question, number[]]] : [];
  });
}

/** The one value a question expects: the numeric key, or the single correct choice as a number. */
function expected(q: Question): number {
  if (q.answer.kind === "numeric") return q.answer.value;
  const [text] = correctTexts(q);
  return Number.parseFloat(String(text));
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

describe("question bank: coverage", () => {
  it("has at least 600 questions across the declared categories", () => {
    expect(bank.length).toBeGreaterThanOrEqual(600);
    expect(SEED_CATEGORIES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(bank.map((q) => q.category))).toEqual(new Set(SEED_CATEGORIES));
  });

  it("covers every type, every difficulty and at least four Bloom levels", () => {
    expect(new Set(bank.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
    expect(new Set(bank.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
    const blooms = new Set(bank.map((q) => q.bloomLevel));
    for (const level of ["remember", "understand", "apply", "analyze"] as const) expect(blooms).toContain(level);
    for (const level of blooms) expect(BLOOM_LEVELS).toContain(level);
  });

  it("gives every category several question types and difficulties", () => {
    for (const category of SEED_CATEGORIES) {
      const inCategory = bank.filter((q) => q.category === category);
      expect(inCategory.length, category).toBeGreaterThanOrEqual(30);
      expect(new Set(inCategory.map((q) => q.type)).size, category).toBeGreaterThanOrEqual(3);
      expect(new Set(inCategory.map((q) => q.difficulty)).size, category).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("question bank: shape", () => {
  it("validates against the Question schema", () => {
    const invalid = bank.filter((q) => !Question.safeParse(q).success).map((q) => q.text);
    expect(invalid).toEqual([]);
  });

  it("carries the fixed seed metadata", () => {
    for (const q of bank) {
      expect(q).toMatchObject({ status: "active", version: 1, source: "seed", language: "en", mediaKeys: [] });
      expect(q.createdAt).toBe("2026-01-01T00:00:00.000Z");
      expect(q.updatedAt).toBe(q.createdAt);
      expect(q.explanation?.length, q.text).toBeGreaterThan(0);
      expect(q.tags.length, q.text).toBeGreaterThan(0);
    }
  });

  it("has answer keys that fit each type", () => {
    for (const q of bank) {
      const ids = q.choices.map((c) => c.id);
      const texts = q.choices.map((c) => c.text);
      expect(new Set(texts).size, q.text).toBe(texts.length);
      switch (q.type) {
        case "single_choice":
        case "multiple_choice": {
          expect(ids, q.text).toEqual([..."abcdefghijklmnopqrstuvwxyz"].slice(0, ids.length));
          expect(q.answer.kind).toBe("choices");
          const correct = q.answer.kind === "choices" ? q.answer.correct : [];
          for (const id of correct) expect(ids, q.text).toContain(id);
          expect(new Set(correct).size).toBe(correct.length);
          if (q.type === "single_choice") {
            expect(q.choices, q.text).toHaveLength(4);
            expect(correct).toHaveLength(1);
          } else {
            // Select all that apply: at least two right and one wrong option.
            expect(correct.length, q.text).toBeGreaterThanOrEqual(2);
            expect(correct.length, q.text).toBeLessThan(q.choices.length);
          }
          break;
        }
        case "true_false":
          expect(q.choices).toEqual([
            { id: "true", text: "True" },
            { id: "false", text: "False" },
          ]);
          expect(q.answer.kind === "choices" && q.answer.correct.length === 1).toBe(true);
          break;
        case "short_answer":
          expect(q.choices).toEqual([]);
          expect(q.answer.kind === "text" && q.answer.accepted.length > 0).toBe(true);
          break;
        case "numeric":
          expect(q.choices).toEqual([]);
          expect(q.answer.kind === "numeric" && Number.isFinite(q.answer.value)).toBe(true);
          break;
      }
    }
  });

  it("has unique ids and content hashes, derived from the content", async () => {
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
    expect(new Set(bank.map((q) => q.contentHash)).size).toBe(bank.length);
    for (const q of bank) {
      expect(q.contentHash).toBe(await contentHash(q));
      expect(q.id).toBe(await questionIdFor(q));
    }
  });

  it("is identical on every build", async () => {
    expect(await buildQuestionBank()).toEqual(bank);
  });

  it("puts the correct choice in every position, with no position dominant", () => {
    const single = bank.filter((q) => q.type === "single_choice");
    const counts = new Map<string, number>();
    for (const q of single) {
      const id = q.answer.kind === "choices" ? String(q.answer.correct[0]) : "";
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["a", "b", "c", "d"]);
    for (const n of counts.values()) expect(n / single.length).toBeLessThan(0.35);
  });

  it("does not give numeric answers away by their rank among the options", () => {
    // Group number-valued single-choice questions by template; the answer's rank must vary.
    const byTemplate = new Map<string, Set<number>>();
    for (const q of bank.filter((x) => x.type === "single_choice")) {
      const values = q.choices.map((c) => Number.parseFloat(c.text));
      if (values.some(Number.isNaN)) continue;
      const rank = [...values].sort((a, b) => a - b).indexOf(expected(q));
      const template = q.text.replace(/-?\d+(\.\d+)?/g, "#");
      byTemplate.set(template, (byTemplate.get(template) ?? new Set()).add(rank));
    }
    const large = [...byTemplate].filter(
      ([t]) => bank.filter((q) => q.text.replace(/-?\d+(\.\d+)?/g, "#") === t).length >= 8,
    );
    expect(large.length).toBeGreaterThanOrEqual(4);
    for (const [template, ranks] of large) expect(ranks.size, template).toBeGreaterThanOrEqual(3);
  });
});

describe("question bank: answers recomputed", () => {
  it("arithmetic, order of operations, percentages, roots and powers", () => {
    const checks: [RegExp, (n: number[]) => number, number][] = [
      [/^What is (\d+) × (\d+)\?$/, ([a, b]) => (a as number) * (b as number), 50],
      [/^What is (\d+) \+ (\d+) × (\d+)\?$/, ([a, b, c]) => (a as number) + (b as number) * (c as number), 5],
      [/^What is ([\d.]+)% of (\d+)\?$/, ([p, w]) => ((p as number) / 100) * (w as number), 30],
      [/^What is the square root of (\d+)\?$/, ([n]) => Math.sqrt(n as number), 10],
      [/^What is (\d+) to the power of (\d+)\?$/, ([b, e]) => (b as number) ** (e as number), 10],
      [/^What is the greatest common divisor of (\d+) and (\d+)\?$/, ([a, b]) => gcd(a as number, b as number), 5],
      [
        /^What is the least common multiple of (\d+) and (\d+)\?$/,
        ([a, b]) => ((a as number) * (b as number)) / gcd(a as number, b as number),
        5,
      ],
    ];
    for (const [pattern, compute, atLeast] of checks) {
      const found = matching(pattern);
      expect(found.length, String(pattern)).toBeGreaterThanOrEqual(atLeast);
      for (const [q, n] of found) expect(expected(q), q.text).toBeCloseTo(compute(n), 6);
    }
  });

  it("primes and divisors", () => {
    for (const [q, [n]] of matching(/^(\d+) is a prime number\.$/)) {
      expect(correctTexts(q), q.text).toEqual([isPrime(n as number) ? "True" : "False"]);
    }
    const primeSets = bank.filter((q) => q.text.startsWith("Select every prime number:"));
    expect(primeSets.length).toBeGreaterThan(5);
    for (const q of primeSets) {
      expect(correctTexts(q)).toEqual(q.choices.map((c) => c.text).filter((t) => isPrime(Number(t))));
    }
    for (const [q, [n]] of matching(/^Select every number that divides (\d+) with no remainder\.$/)) {
      expect(correctTexts(q)).toEqual(q.choices.map((c) => c.text).filter((t) => (n as number) % Number(t) === 0));
    }
  });

  it("geometry", () => {
    const checks: [RegExp, (n: number[]) => number][] = [
      [/^What is the area of a (\d+) cm by (\d+) cm rectangle/, ([w, h]) => (w as number) * (h as number)],
      [/^What is the perimeter of a (\d+) cm by (\d+) cm rectangle/, ([w, h]) => 2 * ((w as number) + (h as number))],
      [/^What is the area of a circle of radius (\d+) cm/, ([r]) => Math.PI * (r as number) ** 2],
      [/^What is the circumference of a circle of radius (\d+) cm/, ([r]) => 2 * Math.PI * (r as number)],
      [/^A right triangle has legs (\d+) and (\d+)\./, ([a, b]) => Math.hypot(a as number, b as number)],
      [/^What is the sum of the interior angles of an? (\d+)-sided polygon/, ([n]) => ((n as number) - 2) * 180],
      [/^What is each interior angle of a regular (\d+)-sided polygon/, ([n]) => 180 - 360 / (n as number)],
      [/^What is the volume of a cube with (\d+) cm edges/, ([s]) => (s as number) ** 3],
    ];
    for (const [pattern, compute] of checks) {
      const found = matching(pattern);
      expect(found.length, String(pattern)).toBeGreaterThanOrEqual(5);
      for (const [q, n] of found) expect(Math.abs(expected(q) - compute(n)), q.text).toBeLessThanOrEqual(0.005);
    }
  });

  it("number bases, bits and bitwise operations", () => {
    for (const [q, [n]] of matching(/^Write the decimal number (\d+) in binary\.$/)) {
      const accepted = q.answer.kind === "text" ? q.answer.accepted : [];
      for (const a of accepted) expect(Number.parseInt(a.replace(/^0b/, ""), 2), q.text).toBe(n);
    }
    for (const [q, [n]] of matching(/^Write the decimal number (\d+) in hexadecimal\.$/)) {
      const accepted = q.answer.kind === "text" ? q.answer.accepted : [];
      for (const a of accepted) expect(Number.parseInt(a.replace(/^0x/, ""), 16), q.text).toBe(n);
    }
    for (const q of bank.filter((x) => /^What is binary [01]+ in decimal\?$/.test(x.text))) {
      expect(expected(q)).toBe(Number.parseInt(String(/[01]+/.exec(q.text)?.[0]), 2));
    }
    for (const q of bank.filter((x) => /^What is hexadecimal 0x[0-9A-F]+ in decimal\?$/.test(x.text))) {
      expect(expected(q)).toBe(Number.parseInt(String(/0x([0-9A-F]+)/.exec(q.text)?.[1]), 16));
    }
    for (const [q, [k]] of matching(/^How many distinct values can (\d+) bits represent\?$/)) {
      expect(expected(q)).toBe(2 ** (k as number));
    }
    const ops: Record<string, (a: number, b: number) => number> = {
      AND: (a, b) => a & b,
      OR: (a, b) => a | b,
      XOR: (a, b) => a ^ b,
    };
    const bitwise = bank.filter((q) => /^What is \d+ (AND|OR|XOR) \d+ \(bitwise\)\?$/.test(q.text));
    expect(bitwise.length).toBeGreaterThanOrEqual(9);
    for (const q of bitwise) {
      const [, a, op, b] = /^What is (\d+) (AND|OR|XOR) (\d+)/.exec(q.text) as RegExpExecArray;
      expect(expected(q), q.text).toBe(ops[String(op)]?.(Number(a), Number(b)));
    }
  });

  it("unit and temperature conversions", () => {
    const factors: Record<string, number> = {
      "metres in kilometres": 1000,
      "centimetres in metres": 100,
      "minutes in hours": 60,
      "seconds in minutes": 60,
      "grams in kilograms": 1000,
      "bytes in kibibytes": 1024,
      "centimetres in inches": 2.54,
      "metres in miles": 1609.344,
    };
    let checked = 0;
    for (const q of bank) {
      const m = /^How many (\w+) are in ([\d.]+) (\w+)\?$/.exec(q.text);
      const factor = m && factors[`${m[1]} in ${m[3]}`];
      if (!m || !factor) continue;
      expect(expected(q), q.text).toBeCloseTo(Number(m[2]) * factor, 6);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    const fahrenheit = matching(/^What is (-?\d+) °C in degrees Fahrenheit\?$/);
    expect(fahrenheit.length).toBeGreaterThanOrEqual(10);
    for (const [q, [c]] of fahrenheit) expect(correctTexts(q), q.text).toEqual([`${((c as number) * 9) / 5 + 32} °F`]);
    for (const [q, [c]] of matching(/^What is (-?[\d.]+) °C in kelvin\?$/))
      expect(expected(q)).toBeCloseTo((c as number) + 273.15, 6);
  });

  it("fact tables agree with an independent sample", () => {
    const byText = (text: string): Question => {
      const q = bank.find((x) => x.text === text);
      if (!q) throw new Error(`missing: ${text}`);
      return q;
    };
    const single: [string, string][] = [
      ["What is the capital of France?", "Paris"],
      ["What is the capital of Australia?", "Canberra"],
      ["What is the capital of Canada?", "Ottawa"],
      ["What is the capital of Japan?", "Tokyo"],
      ["What is the capital of Nigeria?", "Abuja"],
      ["Which planet is third from the Sun?", "Earth"],
      ["Which planet is sixth from the Sun?", "Saturn"],
      ["What is the chemical symbol for iron?", "Fe"],
      ["What is the chemical symbol for sodium?", "Na"],
      ["Which element has atomic number 79?", "Gold"],
      ["Which reason phrase goes with HTTP status 404?", "Not Found"],
      ["Which reason phrase goes with HTTP status 503?", "Service Unavailable"],
      ["Which major key has 2 flats?", "B♭ major"],
      ["Which interval spans 7 semitones?", "perfect fifth"],
      ["What is the SI unit of force?", "newton"],
      ['What does the French word "rouge" mean?', "red"],
    ];
    for (const [text, answer] of single) expect(correctTexts(byText(text)), text).toEqual([answer]);
    const numbers: [string, number][] = [
      ["What is the atomic number of carbon?", 6],
      ["What is the atomic number of oxygen?", 8],
      ["What is the atomic number of lead?", 82],
      ["In which year did the fall of the Berlin Wall take place?", 1989],
      ["In which year did the Battle of Hastings take place?", 1066],
      ["How many atoms are in one molecule of glucose (C₆H₁₂O₆)?", 24],
      ["How many semitones span an octave?", 12],
    ];
    for (const [text, value] of numbers) expect(expected(byText(text)), text).toBe(value);
    const text = byText('Translate "white" into German.');
    expect(text.answer.kind === "text" && text.answer.accepted).toEqual(["weiß", "weiss"]);
  });

  it("complementary DNA strands", () => {
    const pair: Record<string, string> = { A: "T", T: "A", G: "C", C: "G" };
    const strands = bank.filter((q) => q.text.startsWith("Write the complementary DNA strand"));
    expect(strands.length).toBeGreaterThan(3);
    for (const q of strands) {
      const strand = String(/for ([ACGT]+)\.$/.exec(q.text)?.[1]);
      expect(q.answer).toMatchObject({ kind: "text", accepted: [[...strand].map((b) => pair[b]).join("")] });
    }
  });
});
