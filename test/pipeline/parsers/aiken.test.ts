import { describe, expect, it } from "vitest";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

const aiken = sourceOf("aiken", {});

describe("Aiken", () => {
  it("reads options with . or ), CRLF and no final newline", async () => {
    const text =
      "What is 2+2?\r\nA. 3\r\nB. 4\r\nANSWER: B\r\n\r\nThe capital of France?\nA) Lyon\nB) Paris\nC) Nice\nANSWER: B";
    const { questions, errors } = await parse(aiken, text);
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.text, correctOf(q)])).toEqual([
      ["What is 2+2?", ["4"]],
      ["The capital of France?", ["Paris"]],
    ]);
    expect(questions[1]?.choices.map((c) => c.id)).toEqual(["a", "b", "c"]);
  });

  it("keeps raw text in a stem and accepts options without a space", async () => {
    const { questions } = await parse(aiken, "Does <b> & stay?\nA)Yes\nB)No\nANSWER: A\n");
    expect(questions[0]?.text).toBe("Does <b> & stay?");
    expect(correctOf(need(questions[0]))).toEqual(["Yes"]);
  });

  it("reports malformed records and keeps the good ones", async () => {
    const text = [
      "One option only\nA) Only\nANSWER: A",
      "A) No stem\nB) at all\nANSWER: A",
      "Good\nA) yes\nB) no\nANSWER: A",
      "Unfinished\nA) a\nB) b",
      "Letter missing\nA) a\nB) b\nANSWER: C",
      "Text answer\nA) a\nB) b\nANSWER: a is right",
      "Good too\nA. x\nB. y\nANSWER: b",
    ].join("\n\n");
    const { questions, errors } = await parse(aiken, text);
    expect(questions.map((q) => q.text)).toEqual(["Good", "Good too"]);
    expect(errors.map((e) => e.index)).toEqual([0, 1, 3, 4, 5]);
  });
});
