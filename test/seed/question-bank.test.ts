import { describe, expect, it } from "vitest";
import { BLOOM_LEVELS, QUESTION_TYPES, Question } from "../../schemas/question.ts";
import { contentHash, questionIdFor } from "../../src/questions/content-hash.ts";
import { buildQuestionBank, SEED_CATEGORIES } from "../../src/seed/question-bank.ts";

const bank = await buildQuestionBank();

describe("question bank", () => {
  it("is large and covers every category, type and difficulty", () => {
    expect(bank.length).toBeGreaterThanOrEqual(500);
    const categories = new Set(bank.map((q) => q.category));
    expect(categories.size).toBeGreaterThanOrEqual(8);
    expect([...categories].sort()).toEqual([...SEED_CATEGORIES].sort());
    expect(new Set(bank.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
    expect(new Set(bank.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
    const blooms = new Set(bank.map((q) => q.bloomLevel));
    expect(blooms.size).toBeGreaterThanOrEqual(4);
    for (const level of blooms) expect(BLOOM_LEVELS).toContain(level);
  });

  it("holds only valid questions whose keys point at real choices", () => {
    for (const q of bank) {
      expect(() => Question.parse(q)).not.toThrow();
      if (q.answer.kind === "choices") {
        const ids = new Set(q.choices.map((c) => c.id));
        expect(ids.size).toBe(q.choices.length);
        for (const id of q.answer.correct) expect(ids.has(id), `${q.id}: ${id}`).toBe(true);
        expect(new Set(q.choices.map((c) => c.text)).size, q.text).toBe(q.choices.length);
        if (q.type === "single_choice" || q.type === "true_false") expect(q.answer.correct).toHaveLength(1);
        if (q.type === "multiple_choice") {
          expect(q.answer.correct.length).toBeGreaterThanOrEqual(1);
          expect(q.answer.correct.length).toBeLessThan(q.choices.length);
        }
      } else {
        expect(q.choices).toEqual([]);
      }
    }
  });

  it("has unique ids and content hashes derived from the content", async () => {
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
    expect(new Set(bank.map((q) => q.contentHash)).size).toBe(bank.length);
    for (const q of bank.slice(0, 50)) {
      const hash = await contentHash(q);
      expect(q.contentHash).toBe(hash);
      expect(q.id).toBe(await questionIdFor(q));
    }
  });

  it("is the same on every build", async () => {
    expect(await buildQuestionBank()).toEqual(bank);
  });

  it("varies the position of the correct choice", () => {
    const firstIds = bank
      .filter((q) => q.type === "single_choice")
      .map((q) => q.answer.kind === "choices" && q.answer.correct[0]);
    expect(new Set(firstIds)).toEqual(new Set(["a", "b", "c", "d"]));
  });

  it("computes arithmetic answers correctly", () => {
    const products = bank.filter((q) => /^What is \d+ × \d+\?$/.test(q.text));
    expect(products.length).toBeGreaterThan(20);
    for (const q of products) {
      const [, a, b] = /(\d+) × (\d+)/.exec(q.text) as RegExpExecArray;
      const key = q.answer.kind === "choices" ? q.answer.correct[0] : undefined;
      const correct = q.choices.find((c) => c.id === key);
      expect(Number(correct?.text)).toBe(Number(a) * Number(b));
    }
    const roots = bank.filter((q) => q.text.startsWith("What is the square root of"));
    for (const q of roots) {
      const n = Number(/of (\d+)/.exec(q.text)?.[1]);
      expect(q.answer).toMatchObject({ kind: "numeric", value: Math.sqrt(n) });
    }
  });
});
