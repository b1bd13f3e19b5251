import { describe, expect, it } from "vitest";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { parse, sourceOf } from "../../helpers/parse-source.ts";

const N = 2_000;
const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };

/** A document of each format with N records: enough work that a parser must yield within it. */
const documents: [string, ScraperSource, string][] = [
  ["gift", sourceOf("gift", {}), "Which one? {=a ~b}\n\n".repeat(N)],
  ["aiken", sourceOf("aiken", {}), "Which one?\nA. x\nB. y\nANSWER: A\n".repeat(N)],
  [
    "csv",
    sourceOf("csv", { columns: mapping, delimiter: "," }),
    `question,correct,incorrect\n${"Which one?,a,b\n".repeat(N)}`,
  ],
  [
    "json",
    sourceOf("json", { fields: mapping }),
    JSON.stringify(Array.from({ length: N }, () => ({ question: "Which one?", correct: "a", incorrect: "b" }))),
  ],
  [
    "opentdb",
    sourceOf("opentdb", { encoding: "default" }),
    JSON.stringify({
      response_code: 0,
      results: Array.from({ length: N }, () => ({
        type: "multiple",
        difficulty: "easy",
        category: "c",
        question: "Which one?",
        correct_answer: "a",
        incorrect_answers: ["b", "c", "d"],
      })),
    }),
  ],
  [
    "moodle-xml",
    sourceOf("moodle-xml", {}),
    `<quiz>${'<question type="shortanswer"><questiontext format="html"><text>Which one?</text></questiontext><answer fraction="100"><text>a</text></answer></question>'.repeat(N)}</quiz>`,
  ],
  [
    "html",
    sourceOf("html", { selectors: { item: "li", question: "b", correct: "i", incorrect: "s" } }),
    "<li><b>Which one?</b><i>a</i><s>b</s></li>".repeat(N),
  ],
];

describe("parsing gives the event loop a turn", () => {
  // Ordering, not timing: a timer queued before parsing starts fires before parsing ends only
  // if the parser yields to the event loop (microtasks alone never let it in).
  it.each(documents)("%s", async (_format, source, text) => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push("timer");
        resolve();
      }, 0),
    );
    const parsed = parse(source, text).then((result) => {
      order.push("parsed");
      return result;
    });
    const [result] = await Promise.all([parsed, timer]);
    expect(result.questions.length + result.errors.length + result.skipped.length).toBe(N);
    expect(order).toEqual(["timer", "parsed"]);
  });
});
