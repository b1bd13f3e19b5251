import { describe, expect, it } from "vitest";
import { htmlToText as sanitizeText } from "../../src/pipeline/normalize/html-to-text.ts";
import { normalizeQuestion } from "../../src/pipeline/normalize/normalize-question.ts";
import { blankQuestion } from "../../src/pipeline/parsers/result-builder.ts";

describe("sanitizeText", () => {
  it("drops scripts, styles, comments and tags, decodes entities, collapses whitespace", () => {
    const html = `<style>p{color:red}</style><p>Caf&eacute;   &amp;
      <b>bar</b><script>alert("x")</script><!-- hidden --></p><p>Line&nbsp;two&#33; &#x263A; &rsquo;</p>`;
    expect(sanitizeText(html)).toBe("Café & bar\n\nLine two! \u263a \u2019");
  });

  it("leaves text that is not markup alone", () => {
    expect(sanitizeText("2 < 3 and 5 > 4 & so on")).toBe("2 < 3 and 5 > 4 & so on");
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
