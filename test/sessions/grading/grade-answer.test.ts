import { describe, expect, it } from "vitest";
import type { Question } from "../../../schemas/question.ts";
import { AnswerShapeError, correctAnswerOf, gradeAnswer } from "../../../src/sessions/grading/grade-answer.ts";
import { normalizeAnswerText } from "../../../src/sessions/grading/normalize-text.ts";
import { questionBank } from "../../helpers/bank.ts";
import { answerTo } from "../../helpers/sessions.ts";

function question(overrides: Partial<Question>): Question {
  return {
    id: "q_test",
    type: "single_choice",
    text: "?",
    choices: [],
    answer: { kind: "choices", correct: ["a"] },
    explanation: null,
    category: "test",
    tags: [],
    difficulty: 3,
    bloomLevel: "remember",
    language: "en",
    mediaKeys: [],
    source: "test",
    contentHash: "0".repeat(64),
    status: "active",
    version: 1,
    createdAt: "",
    updatedAt: "",
    ...overrides,
  };
}

const abcd = ["a", "b", "c", "d"].map((id) => ({ id, text: id.toUpperCase() }));

describe("grading per type", () => {
  it("single choice and true/false take exactly one known choice", () => {
    const q = question({ choices: abcd, answer: { kind: "choices", correct: ["b"] } });
    expect(gradeAnswer(q, { choices: ["b"] })).toEqual({ correct: true, score: 1 });
    expect(gradeAnswer(q, { choices: ["c"] })).toEqual({ correct: false, score: 0 });
    expect(() => gradeAnswer(q, { choices: ["b", "c"] })).toThrow(AnswerShapeError);
    expect(() => gradeAnswer(q, { choices: ["z"] })).toThrow(AnswerShapeError);
    expect(() => gradeAnswer(q, { value: 1 })).toThrow(AnswerShapeError);
    const tf = question({
      type: "true_false",
      choices: [
        { id: "true", text: "True" },
        { id: "false", text: "False" },
      ],
      answer: { kind: "choices", correct: ["false"] },
    });
    expect(gradeAnswer(tf, { choices: ["false"] }).correct).toBe(true);
    expect(gradeAnswer(tf, { choices: ["true"] }).correct).toBe(false);
  });

  it("multiple choice gives partial credit: hits share minus wrong picks share, never below 0", () => {
    const q = question({ type: "multiple_choice", choices: abcd, answer: { kind: "choices", correct: ["a", "b"] } });
    expect(gradeAnswer(q, { choices: ["b", "a"] })).toEqual({ correct: true, score: 1 });
    expect(gradeAnswer(q, { choices: ["a"] })).toEqual({ correct: false, score: 0.5 });
    expect(gradeAnswer(q, { choices: ["a", "c"] })).toEqual({ correct: false, score: 0 });
    expect(gradeAnswer(q, { choices: ["a", "b", "c"] })).toEqual({ correct: false, score: 0.5 });
    expect(gradeAnswer(q, { choices: ["c", "d"] })).toEqual({ correct: false, score: 0 });
    expect(gradeAnswer(q, { choices: ["a", "a"] })).toEqual({ correct: false, score: 0.5 });
  });

  it("numeric answers match within the tolerance (and float noise)", () => {
    const q = question({ type: "numeric", answer: { kind: "numeric", value: 0.3, tolerance: 0 } });
    expect(gradeAnswer(q, { value: 0.1 + 0.2 }).correct).toBe(true);
    expect(gradeAnswer(q, { value: 0.31 }).correct).toBe(false);
    const tolerant = question({ type: "numeric", answer: { kind: "numeric", value: 9.81, tolerance: 0.05 } });
    expect(gradeAnswer(tolerant, { value: 9.85 }).correct).toBe(true);
    expect(gradeAnswer(tolerant, { value: 9.87 }).correct).toBe(false);
    expect(() => gradeAnswer(tolerant, { text: "9.81" })).toThrow(AnswerShapeError);
  });

  it("short answers take every alternative after normalising case, spaces, Unicode and diacritics", () => {
    const q = question({
      type: "short_answer",
      answer: { kind: "text", accepted: ["São Paulo", "Sao Paulo city"], caseSensitive: false },
    });
    for (const text of ["são paulo", "  SAO   PAULO ", "Sa\u0303o Paulo", "sao paulo city", "ＳＡＯ ＰＡＵＬＯ"]) {
      expect(gradeAnswer(q, { text }).correct, text).toBe(true);
    }
    expect(gradeAnswer(q, { text: "Rio" }).correct).toBe(false);
    expect(() => gradeAnswer(q, { text: "x".repeat(1025) })).toThrow(AnswerShapeError);
    expect(gradeAnswer(q, { text: "é".repeat(512) }).correct).toBe(false);
    expect(() => gradeAnswer(q, { text: "é".repeat(513) })).toThrow(AnswerShapeError);
    const strict = question({
      type: "short_answer",
      answer: { kind: "text", accepted: ["NaCl"], caseSensitive: true },
    });
    expect(gradeAnswer(strict, { text: "NaCl" }).correct).toBe(true);
    expect(gradeAnswer(strict, { text: "nacl" }).correct).toBe(false);
    expect(normalizeAnswerText("Ångström\u00a0unit")).toBe("angstrom unit");
  });

  it("every bank question grades its own key right and a wrong answer wrong", async () => {
    for (const q of await questionBank()) {
      expect(gradeAnswer(q, answerTo(q, true)), q.id).toEqual({ correct: true, score: 1 });
      expect(gradeAnswer(q, answerTo(q, false)).correct, q.id).toBe(false);
      expect(correctAnswerOf(q)).toBeTruthy();
    }
  });
});
