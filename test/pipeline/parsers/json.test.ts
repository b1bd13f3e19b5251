import { describe, expect, it } from "vitest";
import { SourceFormatError } from "../../../src/pipeline/parsers/errors.ts";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

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
          {
            q: { text: "Select primes" },
            answer: ["2", "3"],
            wrong: ["4"],
            meta: { topic: null, level: null },
            why: null,
          },
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

  it("fails a record missing a mapped field, with its number, and imports the rest", async () => {
    const source = sourceOf("json", { fields: { question: "q", correct: "a", incorrect: "b", category: "c" } });
    const { questions, errors } = await parse(
      source,
      JSON.stringify([
        { q: "Capital of Italy?", a: "Rome", b: ["Milan"], c: "Geo" },
        { q: "Capital of Peru?", a: "Lima", b: ["Cusco"] },
        { a: "Ohio", b: ["Iowa"], c: "Geo" },
      ]),
    );
    expect(questions.map((q) => q.text)).toEqual(["Capital of Italy?"]);
    expect(errors).toEqual([
      { index: 1, message: "record 1: no field 'c'" },
      { index: 2, message: "record 2: no field 'q'" },
    ]);
  });

  it("caps values, depth and records before building the document", async () => {
    const source = sourceOf("json", { fields: { question: "q", correct: "a", incorrect: "b" } });
    await expect(parse(source, "[".repeat(65))).rejects.toThrow(/nested deeper than 64 levels/);
    await expect(parse(source, `[${"[],".repeat(500_001)}[]]`)).rejects.toThrow(/more than 500000 elements/);
    const record = JSON.stringify({ q: "Capital of Italy?", a: "Rome", b: "Milan" });
    const capped = sourceOf("json", { fields: { question: "q", correct: "a", incorrect: "b" }, maxRecords: 2 });
    await expect(parse(capped, `[${[record, record, record].join(",")}]`)).rejects.toThrow(/more than 2 records/);
    // Brackets inside strings are text, not structure.
    const texty = JSON.stringify([{ q: `[[[${"[".repeat(100)}`, a: "Rome", b: "Milan" }]);
    expect((await parse(source, texty)).questions).toHaveLength(1);
  });

  it("throws on invalid JSON or a path that is not an array", async () => {
    const source = sourceOf("json", { path: "items", fields: { question: "q", correct: "a", incorrect: "b" } });
    await expect(parse(source, "{oops")).rejects.toBeInstanceOf(SourceFormatError);
    await expect(parse(source, '{"items": {}}')).rejects.toBeInstanceOf(SourceFormatError);
  });
});
