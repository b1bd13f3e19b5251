import { describe, expect, it } from "vitest";
import { dedupeChoices } from "../../../src/pipeline/normalize/choices.ts";
import { difficultyFromLabel } from "../../../src/pipeline/normalize/difficulty.ts";
import { normalizeQuestion } from "../../../src/pipeline/normalize/normalize-question.ts";
import { blankQuestion } from "../../../src/pipeline/parsers/result-builder.ts";

describe("dedupeChoices", () => {
  it("merges choices that differ only in case, width or spacing, keeping the first", () => {
    const { choices, conflict } = dedupeChoices([
      { text: "Paris", correct: true },
      { text: "London", correct: false },
      { text: " paris ", correct: true, feedback: "yes" },
      { text: "ＰＡＲＩＳ", correct: true },
    ]);
    expect(conflict).toBeNull();
    expect(choices).toEqual([
      { text: "Paris", correct: true, feedback: "yes" },
      { text: "London", correct: false },
    ]);
  });

  it("reports a choice that is both correct and wrong", () => {
    const { conflict } = dedupeChoices([
      { text: "4", correct: true },
      { text: "4 ", correct: false },
    ]);
    expect(conflict).toContain('"4 "');
  });
});

describe("difficultyFromLabel", () => {
  it("maps OpenTDB's easy/medium/hard to 1/3/5 and keeps 1..5", () => {
    expect(["easy", "Medium", " HARD "].map(difficultyFromLabel)).toEqual([1, 3, 5]);
    expect(["1", "4", 5, "very_hard"].map(difficultyFromLabel)).toEqual([1, 4, 5, 5]);
    expect(["", "6", "2.5", "extreme", 0, null].map(difficultyFromLabel)).toEqual([null, null, null, null, null, null]);
  });
});

describe("normalizeQuestion", () => {
  it("trims, drops empty and duplicate choices and re-letters ids", () => {
    const result = normalizeQuestion(
      blankQuestion({
        type: "single_choice",
        text: "  Which?  ",
        choices: [
          { id: "x", text: " Paris " },
          { id: "y", text: "" },
          { id: "z", text: "London" },
          { id: "w", text: "paris" },
        ],
        answer: { kind: "choices", correct: ["z"] },
        tags: [" a ", "a", ""],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      question: {
        text: "Which?",
        choices: [
          { id: "a", text: "Paris" },
          { id: "b", text: "London" },
        ],
        answer: { kind: "choices", correct: ["b"] },
        tags: ["a"],
      },
    });
  });

  it("fails when the answer no longer points at a choice", () => {
    const q = (correct: string[], choices: { id: string; text: string }[]) =>
      normalizeQuestion(
        blankQuestion({ type: "single_choice", text: "Q", choices, answer: { kind: "choices", correct } }),
      );
    expect(
      q(
        ["c"],
        [
          { id: "a", text: "1" },
          { id: "b", text: "2" },
        ],
      ).ok,
    ).toBe(false);
    expect(
      q(
        ["b"],
        [
          { id: "a", text: "1" },
          { id: "b", text: " " },
        ],
      ).ok,
    ).toBe(false);
    expect(
      q(
        ["a"],
        [
          { id: "a", text: "1" },
          { id: "b", text: "1" },
        ],
      ).ok,
    ).toBe(false);
    expect(q(["a"], [{ id: "a", text: "only" }]).ok).toBe(false);
  });

  it("refuses a single choice with several correct answers rather than changing what it asks", () => {
    const result = normalizeQuestion(
      blankQuestion({
        type: "single_choice",
        text: "Q",
        choices: [
          { id: "a", text: "1" },
          { id: "b", text: "2" },
          { id: "c", text: "3" },
        ],
        answer: { kind: "choices", correct: ["a", "c"] },
      }),
    );
    expect(result).toEqual({ ok: false, message: "a single-choice question with 2 correct choices" });
  });

  it("rejects empty texts, bad numbers and a type that does not match its answer", () => {
    expect(
      normalizeQuestion(
        blankQuestion({ type: "numeric", text: " ", choices: [], answer: { kind: "numeric", value: 1, tolerance: 0 } }),
      ).ok,
    ).toBe(false);
    expect(
      normalizeQuestion(
        blankQuestion({
          type: "numeric",
          text: "Q",
          choices: [],
          answer: { kind: "numeric", value: Number.NaN, tolerance: 0 },
        }),
      ).ok,
    ).toBe(false);
    expect(
      normalizeQuestion(
        blankQuestion({
          type: "short_answer",
          text: "Q",
          choices: [],
          answer: { kind: "numeric", value: 1, tolerance: 0 },
        }),
      ).ok,
    ).toBe(false);
    expect(
      normalizeQuestion(
        blankQuestion({
          type: "short_answer",
          text: "Q",
          choices: [],
          answer: { kind: "text", accepted: [" "], caseSensitive: false },
        }),
      ).ok,
    ).toBe(false);
  });
});
