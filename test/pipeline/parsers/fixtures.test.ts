import { describe, expect, it } from "vitest";
import { AnswerKey, Choice, QuestionType } from "../../../schemas/question.ts";
import type { ParsedQuestion, ParseResult } from "../../../src/pipeline/parsers/types.ts";
import { correctOf, need, parse } from "../../helpers/parse-source.ts";
import { sharedFixtures, sourceFor } from "../../helpers/shared-fixtures.ts";

/**
 * Every real-world file in ../shared/fixtures (see its SOURCES.md), imported with the source
 * options its folder implies. Counts are what these importers produce; where they differ from
 * SOURCES.md the comment says why.
 */
const fixtures = sharedFixtures();
if (!fixtures)
  console.info("test/pipeline/fixtures.test.ts: ../shared/fixtures is absent; skipping the real-world imports");

interface Expected {
  questions: number;
  skipped: number;
  errors: number;
  check?: (result: ParseResult) => void;
}

function byText(result: ParseResult, start: string, nth = 0): ParsedQuestion {
  return need(result.questions.filter((q) => q.text.startsWith(start))[nth]);
}

function byRef(result: ParseResult, ref: string): ParsedQuestion {
  return need(result.questions.find((q) => q.sourceRef === ref));
}

const EXPECTED: Record<string, Expected> = {
  "opentdb/kickturn__opentdb-scraper__opentdb.json": {
    questions: 5250,
    skipped: 0,
    errors: 0,
    check: (r) => {
      expect(new Set(r.questions.map((q) => q.category)).size).toBe(24);
      expect(correctOf(byText(r, 'Which band released songs suchs as "Rio"'))).toEqual(["Duran Duran"]);
      expect(correctOf(byText(r, "Which of these is NOT the name of a team leader in Pokémon GO?"))).toEqual(["Leif"]);
      expect(correctOf(byText(r, "What is the area of a circle with a diameter of 20 inches if π= 3.1415?"))).toEqual([
        "314.15 Inches",
      ]);
      expect(byText(r, "The New York Times slogan").text).toBe(
        "The New York Times slogan is, “All the News That’s Fit to…”",
      );
      // Soft hyphens (&shy;) are dropped by normalization.
      byText(r, "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch is located on which Welsh island?");
      expect(correctOf(byText(r, "When was Napoleon Bonaparte crowned emperor"))).toEqual(["December 2nd 1804"]);
      const padded = r.questions.flatMap((q) => q.choices).filter((c) => c.text !== c.text.trim());
      expect(padded).toEqual([]);
      // Every reference is decoded, the rarer ones (&lrm; &Phi; &Psi; &Tau; &Omicron; &Nu;) too.
      const texts = r.questions.flatMap((q) => [q.text, q.category ?? "", ...q.choices.map((c) => c.text)]);
      expect(texts.filter((t) => /&#?[A-Za-z0-9]+;/.test(t))).toEqual([]);
      expect(correctOf(byText(r, "What is the 15th letter of the Greek alphabet?"))).toEqual(["Omicron (Ο)"]);
      expect(byText(r, "Bridgetown is the capital").choices.map((c) => c.text)).toContain("Jamaica");
      expect(byText(r, 'The band "Panic! At the Disco"')).toMatchObject({
        type: "true_false",
        answer: { correct: ["false"] },
        difficulty: 3,
        category: "Entertainment: Music",
      });
    },
  },
  "opentdb/momentum-team-7__react-trivia-LauraQuantrille__formattedquestions.js": {
    questions: 10,
    skipped: 0,
    errors: 0,
    check: (r) => {
      expect(correctOf(byText(r, "When was the Garfield comic first published?"))).toEqual(["1978"]);
      expect(byText(r, "When was the Garfield").difficulty).toBe(5);
      expect(
        correctOf(byText(r, 'In the game "Red Dead Redemption", what is the name of John Marston\'s dog?')),
      ).toEqual(["Rufus"]);
      expect(byText(r, "A scalene triangle").answer).toEqual({ kind: "choices", correct: ["false"] });
    },
  },
  "opentdb/Coder2002-MSAdithya__quizzical__data.js": {
    questions: 6,
    skipped: 0,
    errors: 0,
    check: (r) => {
      // url3986, recognized without the source saying so.
      const jojo = byText(r, 'In "JoJo\'s Bizarre Adventure", which of the following Stands');
      expect(correctOf(jojo)).toEqual(["20th Century Boy"]);
      expect(jojo.category).toBe("Entertainment: Japanese Anime & Manga");
      expect(byText(r, "The ghosts in").answer).toEqual({ kind: "choices", correct: ["true"] });
    },
  },
  "opentdb/Zarthus__opentdb-rs__api_3q_typeboolean.json": {
    questions: 3,
    skipped: 0,
    errors: 0,
    check: (r) => {
      expect(r.questions.every((q) => q.type === "true_false")).toBe(true);
      expect(byText(r, 'In the comic book "Archie", Betty').answer).toEqual({ kind: "choices", correct: ["false"] });
    },
  },
  "opentdb/Zarthus__opentdb-rs__api_fail_respcode_1.json": { questions: 0, skipped: 0, errors: 0 },

  // SOURCES.md: ~43 records; the 3 matching questions are skipped.
  "gift/moodle__moodle__examples.txt": {
    questions: 40,
    skipped: 3,
    errors: 0,
    check: (r) => {
      expect(r.skipped.every((s) => s.reason.startsWith("matching"))).toBe(true);
      expect(correctOf(byText(r, "Grant is _____ in Grant's tomb."))).toEqual(["entombed"]);
      expect(byText(r, "When was Ulysses S. Grant born?").answer).toEqual({
        kind: "numeric",
        value: 1822,
        tolerance: 1,
      });
      expect(byText(r, "What is the value of pi", 1).answer).toEqual({
        kind: "numeric",
        // biome-ignore lint/suspicious/noApproximativeNumericConstant: the file's own value, not π
        value: 3.1415,
        tolerance: 0.0005,
      });
      expect(correctOf(byRef(r, "GIFT Control Characters"))).toEqual(["\\"]);
      expect(byRef(r, "GIFT Control Characters").choices.map((c) => c.text)).toEqual(["~", "=", "#", "{", "}", "\\"]);
      expect(correctOf(byText(r, "Which answer equals 5?"))).toEqual(["= 2 + 3"]);
      expect(correctOf(byText(r, "What two people are entombed", 1))).toEqual(["Grant", "Grant's wife"]);
      expect(byText(r, "Who's buried in Grant's tomb?", 6).text).toBe("Who's buried in Grant's tomb?");
      expect(byRef(r, "Kanji Origins").answer).toEqual({ kind: "text", accepted: ["China"], caseSensitive: false });
      expect(byRef(r, "Numerical example").answer).toEqual({ kind: "numeric", value: 1822, tolerance: 0 });
    },
  },
  // SOURCES.md: 22 (+1 description); we count 22 records: 16 questions, the description,
  // 2 essays, 2 matching and "Numeric: 2" skipped (it accepts both -7 and 4; we hold one value).
  "gift/LucasWolfgang__QAS-Editor__all.gift": {
    questions: 16,
    skipped: 6,
    errors: 0,
    check: (r) => {
      expect(r.skipped.map((s) => s.title)).toEqual([
        "description",
        "Essay 1",
        "Essay 2",
        "Numeric: 2",
        "match1",
        "match2",
      ]);
      expect(r.skipped[3]?.reason).toContain("several correct values");
      expect(byRef(r, "TrueFalse 3")).toMatchObject({
        category: "qas editor/True-False",
        answer: { correct: ["true"] },
      });
      expect(byRef(r, "TrueFalse 3").text).not.toContain("<img");
      expect(byRef(r, "Numeric: 1").answer).toEqual({ kind: "numeric", value: 2006, tolerance: 1 });
      expect(byRef(r, "Numeric: 4").answer).toEqual({ kind: "numeric", value: 3, tolerance: 2 });
      // Without ####, the correct answer's feedback explains (escaped `\:` restored).
      expect(byRef(r, "Numeric: 1").explanation).toContain("freedom here :)");
      expect(byRef(r, "Short Answer 1").explanation).toContain("- manually graded");
      expect(byRef(r, "Short Answer 1").answer).toEqual({ kind: "text", accepted: ["manually"], caseSensitive: false });
      expect(byRef(r, "Multichoice4").type).toBe("multiple_choice");
      expect(correctOf(byRef(r, "Multichoice4"))).toHaveLength(3);
      expect(correctOf(byRef(r, "Multichoice3"))).toEqual(["November 2015"]);
      expect(byText(r, "Moodle costs _____ to download").category).toBe("qas editor/Missing Words");
      expect(new Set(r.questions.map((q) => q.category))).toEqual(
        new Set([
          "qas editor/True-False",
          "qas editor/Numericals",
          "qas editor/Missing Words",
          "qas editor/Shorts",
          "qas editor/Multichoice",
        ]),
      );
    },
  },
  // SOURCES.md: 12 (+3 descriptions) counts the matching question; it is skipped here.
  "gift/kemplail__gift-tests-utility__U5-p52-Reading-The_death_of_cooking.gift": {
    questions: 11,
    skipped: 4,
    errors: 0,
    check: (r) => {
      expect(correctOf(byRef(r, "U5 p52 3.1 Reading compr"))).toEqual([
        "He thought that he would be able to live more cheaply.",
      ]);
      expect(byRef(r, "U5 p52 7.1 Collocations").type).toBe("multiple_choice");
      expect(correctOf(byRef(r, "U5 p52 7.5 Collocations"))).toEqual(["increase"]);
      expect(r.skipped.filter((s) => s.reason.startsWith("description"))).toHaveLength(3);
    },
  },
  // SOURCES.md: 6 (+3 descriptions, 27 embedded gaps): the 3 Cloze passages and the
  // 4.0 instructions are skipped.
  "gift/kemplail__gift-tests-utility__EM-U4-p32_33-Review.gift": {
    questions: 6,
    skipped: 4,
    errors: 0,
    check: (r) => {
      expect(r.skipped.filter((s) => s.reason.includes("Cloze"))).toHaveLength(3);
      const q = byRef(r, "EM U4 p33 Review 4.3 so excited by/about");
      expect(q.text).toContain("The spectators _____ the tennis game");
      expect(q.answer).toEqual({
        kind: "text",
        accepted: ["were so excited by", "were so excited about"],
        caseSensitive: false,
      });
    },
  },
  "gift/fuhrmanator__GIFT-grammar-PEG.js__multiLineFeedback1.gift": {
    questions: 2,
    skipped: 0,
    errors: 0,
    check: (r) => {
      expect(byText(r, "What's the answer").explanation).toBe("Global feedback split on multiple lines");
      expect(correctOf(byRef(r, "06- création d'instance"))).toEqual(["ContrôleurAbonnement"]);
    },
  },
  "gift/fuhrmanator__GIFT-grammar-PEG.js__mcHTMLComment.gift": {
    questions: 1,
    skipped: 0,
    errors: 0,
    check: (r) => {
      const q = byRef(r, "EE_mod_05_T39_P079");
      expect(correctOf(q)).toEqual(["Nunca."]);
      expect(q.explanation).toContain("Ley de Enjuiciamiento Criminal");
      expect(q.explanation).not.toMatch(/<!--|LE0000017566|#ff6600/);
    },
  },

  // SOURCES.md: 5. The fifth question's four options are all " ." (media placeholders), so
  // its choices cannot be told apart: reported as an error.
  "aiken/LucasWolfgang__QAS-Editor__aiken_1.txt": {
    questions: 4,
    skipped: 0,
    errors: 1,
    check: (r) => {
      expect(correctOf(byText(r, "Which version of Moodle"))).toEqual(["2.5"]);
      expect(byText(r, "Which version of Moodle").choices.map((c) => c.text)).toContain("-2.0");
      expect(
        correctOf(byText(r, "This is an example of a multiple choice question with only one answer.When")),
      ).toEqual(["November 2015"]);
      expect(r.errors[0]?.index).toBe(4);
    },
  },
  "aiken/moodle__moodle__aiken_errors.txt": {
    questions: 2,
    skipped: 0,
    errors: 3,
    check: (r) => {
      expect(r.questions.map((q) => [q.text, correctOf(q)])).toEqual([
        ["A good question", ["Correct"]],
        ["A second good question", ["Correct (No space)"]],
      ]);
      expect(r.errors.map((e) => e.index)).toEqual([0, 1, 3]);
    },
  },
  "aiken/moodle__moodle__questions.aiken.txt": {
    questions: 2,
    skipped: 0,
    errors: 0,
    check: (r) => {
      expect(correctOf(byText(r, "The Moodle project was started by:"))).toEqual(["Martin Dougiamas"]);
      expect(byText(r, "Moodle's abilities").text).toBe(
        'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:',
      );
    },
  },

  // SOURCES.md: 25 (+5 categories); 11 of the 16 types' questions import, 14 are skipped.
  "moodle-xml/LucasWolfgang__QAS-Editor__all.xml": {
    questions: 11,
    skipped: 14,
    errors: 0,
    check: (r) => {
      const layout = byRef(r, "html layout");
      expect(layout.media.map((m) => [m.name, m.mimeType])).toEqual([
        ["4.png", "image/png"],
        ["dessin.svg", "image/svg+xml"],
      ]);
      expect(layout.category).toBe("qas_editor/second_cat");
      expect(correctOf(layout)).toEqual(["This is the good underlined answer."]);
      // Embedded images stay where they were, as references to the attached files.
      expect(layout.text).toContain("an image ![](@@PLUGINFILE@@/4.png) and an equation");
      expect(layout.text).toContain("![escargot](@@PLUGINFILE@@/dessin.svg)");
      expect(byRef(r, "code").text).toContain("code block\n\na = 2\nb = a + 3.14\n\nIn html");
      expect(byRef(r, "table").text).toContain("sys1 | 1 kg | 0.35 m | 1 m");
      expect(byRef(r, "tf").answer).toEqual({ kind: "choices", correct: ["false"] });
      expect(byRef(r, "tf").media[0]?.mimeType).toBe("image/jpeg");
      expect(byRef(r, "num:float").answer).toEqual({ kind: "numeric", value: Math.PI, tolerance: 0.001 });
      expect(byRef(r, "num:2rounding").answer).toEqual({
        kind: "numeric",
        value: Math.SQRT2,
        tolerance: 0.001,
      });
      expect(byRef(r, "h3").answer).toEqual({ kind: "text", accepted: ["Crete"], caseSensitive: false });
      expect(correctOf(byRef(r, "markdown"))).toEqual(["perhaps"]);
      expect(byRef(r, "markdown").text).toContain("Main title");
      expect(byRef(r, "markdown").text).not.toContain("# Main title");
      expect(byRef(r, "table").explanation).toBe("global feedback");
      expect(new Set(r.skipped.map((s) => s.reason.split(" ")[0]))).toEqual(
        new Set(["essay", "drag", "description", "calculated", "Moodle", "matching", "random", "select"]),
      );
    },
  },
  "moodle-xml/moodle__moodle__sample_questions_with_old_image_tag.xml": {
    questions: 1,
    skipped: 1,
    errors: 0,
    check: (r) => {
      const q = byRef(r, "mcq with image");
      expect(correctOf(q)).toEqual(["right answer"]);
      expect(q.category).toBe("Default for Test images in backup");
      expect(q.media.map((m) => [m.name, m.mimeType])).toEqual([["moodle.png", "image/png"]]);
      expect(r.skipped[0]?.reason).toContain("Cloze");
    },
  },

  "csv/hunterhqm__Question-CSV-format__sample.csv": {
    questions: 6,
    skipped: 0,
    errors: 0,
    check: (r) => {
      const [first, , , single] = r.questions;
      expect(first?.type).toBe("multiple_choice");
      expect(correctOf(need(first))).toEqual(["选项A正确", "选项C正确", "选项D正确"]);
      expect(first?.explanation).toBe("通用反馈，正确答案ACD");
      expect(single?.type).toBe("single_choice");
      expect(correctOf(need(single))).toEqual(["选项A正确"]);
    },
  },
};

const FIELDS = [
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
];

/** What the data model requires of every imported question. */
function expectFitsModel(q: ParsedQuestion): void {
  expect(Object.keys(q).sort()).toEqual(FIELDS);
  QuestionType.parse(q.type);
  AnswerKey.parse(q.answer);
  for (const c of q.choices) Choice.parse(c);
  expect(q.text.length).toBeGreaterThan(0);
  if (q.type === "true_false") expect(q.choices.map((c) => c.id)).toEqual(["true", "false"]);
  else if (q.type.endsWith("_choice")) {
    expect(q.choices.map((c) => c.id)).toEqual(q.choices.map((_, i) => String.fromCharCode(97 + i)));
  } else expect(q.choices).toEqual([]);
}

describe.skipIf(!fixtures)("shared real-world fixtures", () => {
  for (const path of [...(fixtures?.keys() ?? [])].sort()) {
    it(`imports ${path}`, async () => {
      const result = await parse(sourceFor(path), need(fixtures?.get(path)));
      const summary = {
        questions: result.questions.length,
        skipped: result.skipped.length,
        errors: result.errors.length,
      };
      const expected = EXPECTED[path];
      if (!expected) {
        console.info(`${path}: no expectations recorded yet; got ${JSON.stringify(summary)}`);
        return;
      }
      expect(summary).toEqual({ questions: expected.questions, skipped: expected.skipped, errors: expected.errors });
      for (const q of result.questions) expectFitsModel(q);
      expected.check?.(result);
    });
  }

  it("has expectations only for files that exist", () => {
    expect(Object.keys(EXPECTED).filter((p) => !fixtures?.has(p))).toEqual([]);
  });
});
