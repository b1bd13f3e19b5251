import { describe, expect, it } from "vitest";
import type { ValidatableQuestion } from "../../../schemas/pipeline-messages.ts";
import { bloomFromWording } from "../../../src/pipeline/validate/bloom-from-wording.ts";
import { decide } from "../../../src/pipeline/validate/decide.ts";
import { validateOffline } from "../../../src/pipeline/validate/offline-validator.ts";
import { buildQuestionBank } from "../../../src/seed/question-bank.ts";

const single = (overrides: Partial<ValidatableQuestion> = {}): ValidatableQuestion => ({
  type: "single_choice",
  text: "Which planet is closest to the Sun?",
  choices: [
    { id: "a", text: "Venus" },
    { id: "b", text: "Mercury" },
    { id: "c", text: "Mars" },
  ],
  answer: { kind: "choices", correct: ["b"] },
  explanation: "Mercury orbits at about 0.39 AU.",
  difficulty: null,
  ...overrides,
});

describe("Bloom level from wording", () => {
  it.each([
    ["Who wrote Hamlet?", "remember"],
    ["Name the largest ocean.", "remember"],
    ["Explain why the sky is blue.", "understand"],
    ["Which of the following best describes osmosis?", "understand"],
    ["Calculate the area of a circle of radius 2.", "apply"],
    ["What is 12 × 7?", "apply"],
    ["How many moles are in 18 g of water?", "apply"],
    ["Compare mitosis and meiosis.", "analyze"],
    ["Why does ice float on water?", "analyze"],
    ["Which is the best algorithm for sorting nearly sorted data?", "evaluate"],
    ["Justify the use of a hash table here.", "evaluate"],
    ["Design an experiment to measure g.", "create"],
  ])("%s → %s", (text, level) => {
    expect(bloomFromWording(text)).toBe(level);
  });
});

describe("offline validator", () => {
  it("passes a sound question with a high score", () => {
    const verdict = validateOffline(single());
    expect(verdict).toMatchObject({ answerKeyCorrect: true, bloomLevel: "remember", issues: [] });
    expect(verdict.qualityScore).toBeGreaterThanOrEqual(0.9);
    expect(verdict.suggestedDifficulty).toBeGreaterThanOrEqual(1);
  });

  it("keeps the source's difficulty", () => {
    expect(validateOffline(single({ difficulty: 5 })).suggestedDifficulty).toBe(5);
  });

  it("rejects keys that point nowhere, or have the wrong number of answers", () => {
    const missing = validateOffline(single({ answer: { kind: "choices", correct: ["z"] } }));
    expect(missing.answerKeyCorrect).toBe(false);
    expect(missing.issues.join()).toContain("do not exist");
    const two = validateOffline(single({ answer: { kind: "choices", correct: ["a", "b"] } }));
    expect(two.answerKeyCorrect).toBe(false);
    const none = validateOffline(single({ type: "multiple_choice", answer: { kind: "choices", correct: [] } }));
    expect(none.answerKeyCorrect).toBe(false);
    // Every choice correct is legal (Moodle allows it) but held for review.
    const allRight = validateOffline(
      single({ type: "multiple_choice", answer: { kind: "choices", correct: ["a", "b", "c"] } }),
    );
    expect(allRight.answerKeyCorrect).toBe(true);
    expect(allRight.qualityScore).toBeLessThan(0.6);
    const oneChoice = validateOffline(single({ choices: [{ id: "b", text: "Mercury" }] }));
    expect(oneChoice.answerKeyCorrect).toBe(false);
  });

  it("checks plain arithmetic against the key", () => {
    const numeric = (value: number): ValidatableQuestion => ({
      type: "numeric",
      text: "What is 12 × 7?",
      choices: [],
      answer: { kind: "numeric", value, tolerance: 0 },
      explanation: null,
      difficulty: 1,
    });
    expect(validateOffline(numeric(84)).answerKeyCorrect).toBe(true);
    const wrong = validateOffline(numeric(82));
    expect(wrong.answerKeyCorrect).toBe(false);
    expect(wrong.issues[0]).toContain("84");
    expect(
      validateOffline({
        ...single(),
        text: "What is 6 + 5?",
        choices: [
          { id: "a", text: "11" },
          { id: "b", text: "12" },
        ],
        answer: { kind: "choices", correct: ["b"] },
      }).answerKeyCorrect,
    ).toBe(false);
  });

  it("marks placeholders, duplicate choices and giveaways down", () => {
    const verdict = validateOffline(
      single({
        text: "<INSERT TEXT IMAGE HERE> Which planet is closest to the Sun, Mercury?",
        choices: [
          { id: "a", text: "Venus" },
          { id: "b", text: "Mercury" },
          { id: "c", text: "venus" },
        ],
      }),
    );
    expect(verdict.answerKeyCorrect).toBe(true);
    expect(verdict.issues).toEqual(
      expect.arrayContaining([
        "the question text holds a placeholder",
        "two choices read the same",
        "the stem gives the correct answer away",
      ]),
    );
    expect(verdict.qualityScore).toBeLessThan(0.6);
  });

  it.each([
    ["Ohio", "only a name"],
    ["New York City", "only a name"],
    ["1,204.5", "only a number"],
    ["Paris?", "too short"],
    ["Columbus was founded in 1812.", "neither asks nor instructs"],
  ])("holds '%s' for review: %s", (text, why) => {
    const verdict = validateOffline(single({ text }));
    expect(verdict.issues.join()).toContain(why);
    expect(decide(verdict, { minQualityScore: 0.6, nearDuplicateOf: null }).decision).toBe("review");
  });

  it.each([
    "Which planet is closest to the Sun?",
    "The book The Little Prince was written by...",
    "The writer was surprised by the public reaction because",
    "Pink Floyd made this song for their previous lead singer.",
    "Name the largest ocean.",
    "Two plus two equals _____ in base ten.",
  ])("takes '%s' as a question", (text) => {
    expect(validateOffline(single({ text })).issues.filter((i) => i.startsWith("not a question"))).toEqual([]);
  });

  it("accepts the whole project question bank", async () => {
    const bank = await buildQuestionBank();
    const refused = bank.filter((q) => {
      const v = validateOffline(q);
      return !v.answerKeyCorrect || v.qualityScore < 0.6;
    });
    expect(refused.map((q) => q.text)).toEqual([]);
  });
});

describe("decision", () => {
  const verdict = validateOffline(single());
  it("accepts a good verdict, holds low scores and near duplicates, rejects wrong keys", () => {
    expect(decide(verdict, { minQualityScore: 0.6, nearDuplicateOf: null }).decision).toBe("accepted");
    expect(decide({ ...verdict, qualityScore: 0.4 }, { minQualityScore: 0.6, nearDuplicateOf: null }).decision).toBe(
      "review",
    );
    const near = decide(verdict, { minQualityScore: 0.6, nearDuplicateOf: "q_0123456789abcdef" });
    expect(near).toEqual({ decision: "review", reasons: ["nearly duplicates q_0123456789abcdef"] });
    expect(
      decide({ ...verdict, answerKeyCorrect: false }, { minQualityScore: 0.6, nearDuplicateOf: null }).decision,
    ).toBe("rejected");
  });
});
