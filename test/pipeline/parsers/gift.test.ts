import { describe, expect, it } from "vitest";
import { correctOf, parse, sourceOf } from "../../helpers/parse-source.ts";

const gift = sourceOf("gift", {});

async function one(text: string) {
  const result = await parse(gift, text);
  expect(result.errors).toEqual([]);
  expect(result.skipped).toEqual([]);
  expect(result.questions).toHaveLength(1);
  const [q] = result.questions;
  if (!q) throw new Error("no question");
  return q;
}

describe("GIFT", () => {
  it("reads multiple choice with a title, ignoring comments", async () => {
    const q = await one("// a comment\n::Tomb::Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}");
    expect(q.type).toBe("single_choice");
    expect(q.sourceRef).toBe("Tomb");
    expect(q.choices).toEqual([
      { id: "a", text: "Grant" },
      { id: "b", text: "Jefferson" },
      { id: "c", text: "no one" },
    ]);
    expect(q.answer).toEqual({ kind: "choices", correct: ["c"] });
  });

  it("reads multi-line questions and answers, per-answer feedback apart from the text", async () => {
    const q = await one(
      "The American holiday of Thanksgiving is\ncelebrated on the {\n  ~second#no\n  ~third\n  =fourth#yes!\n} Thursday of November.",
    );
    expect(q.text).toBe("The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.");
    expect(correctOf(q)).toEqual(["fourth"]);
    expect(q.choices.map((c) => c.text)).toEqual(["second", "third", "fourth"]);
  });

  it("makes weighted select-all questions multiple choice", async () => {
    const q = await one("Who is in the tomb? {~%-50%No one ~%50%Grant ~%50%Grant's wife ~%-50%Grant's father}");
    expect(q.type).toBe("multiple_choice");
    expect(correctOf(q)).toEqual(["Grant", "Grant's wife"]);
    const full = await one("Pick {~%100%raised ~%-100%grew}");
    expect(full.type).toBe("multiple_choice");
    expect(correctOf(full)).toEqual(["raised"]);
  });

  it("keeps only the full-credit answer when = is present with partial credit", async () => {
    const q = await one("Jesus Christ was from {~Jerusalem ~%25%Bethlehem ~%50%Galilee =Nazareth#Yes}.");
    expect(q.type).toBe("single_choice");
    expect(correctOf(q)).toEqual(["Nazareth"]);
    expect(q.text).toBe("Jesus Christ was from _____.");
  });

  it("treats ~= as a correct answer", async () => {
    const q = await one("Why? {\n ~money\n ~=cheaper living\n}");
    expect(correctOf(q)).toEqual(["cheaper living"]);
  });

  it("reads true/false in every spelling, with feedback", async () => {
    for (const [mark, value] of [
      ["T", "true"],
      ["TRUE", "true"],
      ["F", "false"],
      ["FALSE#No one is buried there.", "false"],
    ]) {
      const q = await one(`Grant is buried in Grant's tomb.{${mark}}`);
      expect(q.type).toBe("true_false");
      expect(q.choices.map((c) => c.id)).toEqual(["true", "false"]);
      expect(q.answer).toEqual({ kind: "choices", correct: [value] });
    }
  });

  it("reads short answers, dropping partial credit and wildcards", async () => {
    const q = await one("Two plus two equals {=four =4}.");
    expect(q.type).toBe("short_answer");
    expect(q.text).toBe("Two plus two equals _____.");
    expect(q.answer).toEqual({ kind: "text", accepted: ["four", "4"], caseSensitive: false });
    const partial = await one("Graded how? {=%100%*manually*#ok =%0%*manual* =%0%*}");
    expect(correctOf(partial)).toEqual(["manually"]);
  });

  it("reads numeric answers: exact, with tolerance, ranges and several answers", async () => {
    expect((await one("Born? {#1822}")).answer).toEqual({ kind: "numeric", value: 1822, tolerance: 0 });
    expect((await one("Pi? {#1.2345:0.0005}")).answer).toEqual({ kind: "numeric", value: 1.2345, tolerance: 0.0005 });
    expect((await one("Pi? {#1.234..1.235}")).answer).toEqual({ kind: "numeric", value: 1.2345, tolerance: 0.0005 });
    const multi = await one("Five? {#\n =%50%6:1#close\n =%100%5:0#right\n ~#catch-all\n}");
    expect(multi.type).toBe("numeric");
    expect(multi.answer).toEqual({ kind: "numeric", value: 5, tolerance: 0 });
  });

  it("reads escapes and \\n", async () => {
    const q = await one("Which is \\{5\\}\\: a \\# sign\\nor not? {~ \\= 2 + 2 = \\= 2 + 3 ~ a \\~ b ~ back\\\\slash}");
    expect(q.text).toBe("Which is {5}: a # sign\nor not?");
    expect(q.choices.map((c) => c.text)).toEqual(["= 2 + 2", "= 2 + 3", "a ~ b", "back\\slash"]);
    expect(correctOf(q)).toEqual(["= 2 + 3"]);
  });

  it("turns general feedback into the explanation and strips [html]", async () => {
    const q = await one(
      "::H::[html]<p>Is <b>this</b> &amp; that\\: <em>true</em>?</p>{TRUE#wrong#right\n####<p>Because <i>it</i> is.</p>}",
    );
    expect(q.text).toBe("Is this & that: true?");
    expect(q.explanation).toBe("Because it is.");
  });

  it("reads [markdown] and per-answer [moodle] prefixes", async () => {
    const q = await one("[markdown]Who's in **Grant's tomb**?{=[moodle]no one =nobody}");
    expect(q.text).toBe("Who's in Grant's tomb?");
    expect(correctOf(q)).toEqual(["no one", "nobody"]);
  });

  it("applies $CATEGORY to the questions that follow and reads Moodle's [tag:] comments", async () => {
    const result = await parse(
      gift,
      "$CATEGORY: $course$/top/Geography/Rivers\n\n// [id:1] [tag:water] [tag:easy]\nLongest river?{=Nile}\n\n$CATEGORY: History\n\nYear? {#1066}",
    );
    expect(result.questions.map((q) => q.category)).toEqual(["Geography/Rivers", "History"]);
    expect(result.questions[0]?.tags).toEqual(["water", "easy"]);
  });

  it("reports types it cannot hold as skipped, and goes on", async () => {
    const result = await parse(
      gift,
      [
        "::Match::Match these {=Canada -> Ottawa =Italy -> Rome}",
        "::Intro::A description with no answers.",
        "::Essay::Write about it.{}",
        "::Essay2::Write more.{####graded by hand}",
        "::Cloze::It is {1:MC:~=similar to~close to} that {1:SA:=who}.",
        "Still read?{T}",
      ].join("\n\n"),
    );
    expect(result.skipped.map((s) => [s.index, s.title, s.reason.split(" ")[0]])).toEqual([
      [0, "Match", "matching"],
      [1, "Intro", "description"],
      [2, "Essay", "essay"],
      [3, "Essay2", "essay"],
      [4, "Cloze", "Moodle"],
    ]);
    expect(result.questions).toHaveLength(1);
  });

  it("falls back on the right answer's feedback for the explanation", async () => {
    expect((await one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.}")).explanation).toBe(
      "No one is buried there.",
    );
    expect((await one("The sun rises in the east.{T#Look at a sunrise.#Yes, in the east.}")).explanation).toBe(
      "Yes, in the east.",
    );
    expect((await one("Who? {~Grant#no =no one#Right, nobody.}")).explanation).toBe("Right, nobody.");
    expect((await one("Born? {#1822#In Ohio.}")).explanation).toBe("In Ohio.");
    expect((await one("Born? {#=1822:0#Exactly. =%50%1822:2#Close.}")).explanation).toBe("Exactly.");
    expect((await one("Who? {=no one#Yes!####General wins.}")).explanation).toBe("General wins.");
    expect((await one("Who? {=no one ~Grant}")).explanation).toBeNull();
  });

  it("skips answer keys the data model cannot hold instead of narrowing them", async () => {
    const result = await parse(
      gift,
      "::Roots::Roots of x^2 + 3x - 28? {#\n=%100%-7:0\n=%100%4:0\n~#no}\n\n::Two right::Pick one {=a =b ~c}",
    );
    expect(result.skipped.map((s) => [s.title, s.reason])).toEqual([
      ["Roots", "numeric question with several correct values (the data model holds one)"],
      ["Two right", "single choice with several fully correct answers (the data model holds one)"],
    ]);
    const same = await one("Pi? {#=3.14:0.01 =%100%3.14:0.01 =%50%3:1}");
    expect(same.answer).toEqual({ kind: "numeric", value: 3.14, tolerance: 0.01 });
  });

  it("reports malformed records as errors without stopping", async () => {
    const result = await parse(gift, "Broken {=a ~b\n\nNot a number {#abc}\n\nNo right answer {~a ~b}\n\nFine {T}");
    expect(result.errors.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(result.questions).toHaveLength(1);
  });
});

describe("GIFT question shape", () => {
  it("has exactly the ParsedQuestion fields", async () => {
    const { questions } = await parse(sourceOf("gift", {}), "Q?{=a ~b}");
    expect(Object.keys(questions[0] ?? {}).sort()).toEqual(
      [
        "answer",
        "category",
        "choices",
        "difficulty",
        "explanation",
        "explanationMedia",
        "media",
        "sourceRef",
        "tags",
        "text",
        "type",
      ].sort(),
    );
  });
});
