import { describe, expect, it } from "vitest";
import { SourceFormatError } from "../../src/pipeline/parsers/errors.ts";
import { correctOf, need, parse, sourceOf } from "./helpers.ts";

describe("JSON", () => {
  it("follows a dot path to the records and dot paths to the fields", async () => {
    const source = sourceOf("json", {
      path: "data.items",
      fields: {
        question: "q.text",
        correct: "answer",
        incorrect: "wrong",
        category: "meta.topic",
        difficulty: "meta.level",
        explanation: "why",
      },
    });
    const doc = {
      data: {
        items: [
          { q: { text: "2+2?" }, answer: 4, wrong: [3, 5], meta: { topic: "Maths", level: "hard" }, why: "Counting." },
          { q: { text: "Select primes" }, answer: ["2", "3"], wrong: ["4"] },
          { q: { text: "No answer" }, wrong: ["x"] },
          "not a record",
        ],
      },
    };
    const { questions, errors } = await parse(source, JSON.stringify(doc));
    expect(questions).toHaveLength(2);
    const [a, b] = questions;
    expect(correctOf(need(a))).toEqual(["4"]);
    expect(a?.category).toBe("Maths");
    expect(a?.difficulty).toBe(5);
    expect(a?.explanation).toBe("Counting.");
    expect(b?.type).toBe("multiple_choice");
    expect(correctOf(need(b))).toEqual(["2", "3"]);
    expect(errors.map((e) => e.index)).toEqual([2, 3]);
  });

  it("reads the document itself as the array and several incorrect fields", async () => {
    const source = sourceOf("json", { fields: { question: "q", correct: "a", incorrect: ["b", "c"] } });
    const { questions } = await parse(
      source,
      JSON.stringify([{ q: "Capital of Italy?", a: "Rome", b: "Milan", c: "Turin" }]),
    );
    expect(questions[0]?.choices.map((c) => c.text)).toEqual(["Milan", "Rome", "Turin"]);
    expect(correctOf(need(questions[0]))).toEqual(["Rome"]);
  });

  it("throws on invalid JSON or a path that is not an array", async () => {
    const source = sourceOf("json", { path: "items", fields: { question: "q", correct: "a", incorrect: "b" } });
    await expect(parse(source, "{oops")).rejects.toBeInstanceOf(SourceFormatError);
    await expect(parse(source, '{"items": {}}')).rejects.toBeInstanceOf(SourceFormatError);
  });
});
