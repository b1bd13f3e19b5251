import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFormatError } from "../../../src/pipeline/parsers/errors.ts";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

const columns = {
  question: "Question",
  correct: "Correct",
  incorrect: ["Wrong 1", "Wrong 2", "Wrong 3"],
  category: "Category",
  difficulty: "Level",
  explanation: "Why",
};
const csv = sourceOf("csv", { columns, delimiter: "," });

describe("CSV", () => {
  it("reads RFC 4180 quoting, a BOM, CRLF, trimmed headers and trailing empty columns", async () => {
    const text =
      "\ufeffQuestion , Correct,Wrong 1,Wrong 2,Wrong 3,Category,Level,Why,\r\n" +
      '"Say ""hi"", then\r\nwhat?",Bye,Hello,"Yo, there",,Words,easy,"Because, well",\r\n' +
      "Largest planet?,Jupiter,Mars,Venus,Earth,Space,4,,\r\n";
    const { questions, errors } = await parse(csv, text);
    expect(errors).toEqual([]);
    const [a, b] = questions;
    expect(a?.text).toBe('Say "hi", then\nwhat?');
    expect(a?.choices.map((c) => c.text).sort()).toEqual(["Bye", "Hello", "Yo, there"]);
    expect(correctOf(need(a))).toEqual(["Bye"]);
    expect(a?.category).toBe("Words");
    expect(a?.difficulty).toBe(1);
    expect(a?.explanation).toBe("Because, well");
    expect(b?.difficulty).toBe(4);
    expect(b?.explanation).toBeNull();
  });

  it("uses the delimiter option and one incorrect column holding a list", async () => {
    const source = sourceOf("csv", { columns: { question: "q", correct: "a", incorrect: "wrong" }, delimiter: ";" });
    const { questions } = await parse(source, 'q;a;wrong\nPick;x;"y|z"\n');
    expect(questions[0]?.choices.map((c) => c.text)).toEqual(["x", "y", "z"]);
  });

  it("reads Moodle's letter answers over a list of all choices", async () => {
    const source = sourceOf("csv", {
      columns: { question: "q", correct: "answer", incorrect: "choices" },
      delimiter: ",",
    });
    const { questions } = await parse(source, "q,choices,answer\nPick two,A;B;C;D,AC\nPick one,A;B;C,B\n");
    expect(questions[0]?.type).toBe("multiple_choice");
    expect(correctOf(need(questions[0]))).toEqual(["A", "C"]);
    expect(correctOf(need(questions[1]))).toEqual(["B"]);
  });

  it("reads a letter that is not among letter choices as the answer text", async () => {
    const source = sourceOf("csv", { columns: { question: "q", correct: "a", incorrect: "wrong" }, delimiter: "," });
    const { questions } = await parse(source, "q,a,wrong\nWhich vitamin is in oranges?,C,A;B;D\n");
    expect(questions[0]?.choices.map((c) => c.text)).toEqual(["A", "B", "C", "D"]);
    expect(correctOf(need(questions[0]))).toEqual(["C"]);
  });

  it("reads true/false, numeric and short-answer rows", async () => {
    const source = sourceOf("csv", { columns: { question: "q", correct: "a", incorrect: ["w"] }, delimiter: "," });
    const { questions } = await parse(
      source,
      "q,a,w\nSky is blue?,True,False\nHow many legs?,8,\nCapital of Peru?,Lima,\n",
    );
    expect(questions.map((q) => q.type)).toEqual(["true_false", "numeric", "short_answer"]);
    expect(questions[0]?.answer).toEqual({ kind: "choices", correct: ["true"] });
  });

  it("reports rows missing required cells, and a header missing a mapped column", async () => {
    const { questions, errors } = await parse(
      csv,
      "Question,Correct,Wrong 1,Wrong 2,Wrong 3,Category,Level,Why\n,x,y,,,,,\nQ?,,y,,,,,\nOk?,yes,no,,,,,\n",
    );
    expect(errors.map((e) => e.index)).toEqual([0, 1]);
    expect(questions).toHaveLength(1);
    await expect(parse(csv, "Question,Correct\nQ,A\n")).rejects.toBeInstanceOf(SourceFormatError);
  });

  it("fails a row whose field count differs from the header, with its line, and imports the rest", async () => {
    const source = sourceOf("csv", { columns: { question: "q", correct: "a", incorrect: "w" }, delimiter: "," });
    const text = [
      "q,a,w",
      "Capital of France?,Paris,Lyon",
      "Capital of Ohio?,Columbus", // a field short
      "Capital of Peru?,Lima,Cusco,Ohio", // one too many
      '"Largest ocean,\nby far?",Pacific,Atlantic',
      "Capital of Spain?,Madrid,Seville",
    ].join("\n");
    const { questions, errors } = await parse(source, text);
    expect(questions.map((q) => q.text)).toEqual([
      "Capital of France?",
      "Largest ocean,\nby far?",
      "Capital of Spain?",
    ]);
    expect(errors).toEqual([
      { index: 1, message: "row 3: 2 fields where the header has 3" },
      { index: 2, message: "row 4: 4 fields where the header has 3" },
    ]);
  });

  it("fails exactly the ragged rows of any file", async () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", "?", " ", '"', ",", "\n"), minLength: 1, maxLength: 6 });
    const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
    const source = sourceOf("csv", { columns: { question: "q", correct: "a", incorrect: "w" }, delimiter: "," });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const text = ["q,a,w", ...rows.map((r) => r.map(quote).join(","))].join("\r\n");
          const { errors } = await parse(source, text);
          // Rows of blank cells are blank lines, not records.
          const records = rows.filter((r) => r.some((c) => c.trim() !== ""));
          const ragged = records.flatMap((r, i) => (r.length !== 3 ? [i] : []));
          expect(errors.filter((e) => /fields where the header has/.test(e.message)).map((e) => e.index)).toEqual(
            ragged,
          );
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });

  it("stops reading past the record cap", async () => {
    const source = sourceOf("csv", {
      columns: { question: "q", correct: "a", incorrect: "w" },
      delimiter: ",",
      maxRecords: 5,
    });
    const rows = (n: number) => ["q,a,w", ...Array.from({ length: n }, (_, i) => `Q${i}?,a,b`)].join("\n");
    expect((await parse(source, rows(5))).questions).toHaveLength(5);
    await expect(parse(source, rows(6))).rejects.toThrow(/more than 5 records/);
  });
});
