import { describe, expect, it } from "vitest";
import { SourceFormatError } from "../../../src/pipeline/parsers/errors.ts";
import { replacePluginfileImages } from "../../../src/pipeline/parsers/media.ts";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

const xml = sourceOf("moodle-xml", {});
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const quiz = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<!-- export -->\n<quiz>\n${body}\n</quiz>`;

describe("Moodle XML", () => {
  it("reads multichoice, truefalse, shortanswer and numerical with categories", async () => {
    const { questions, errors, skipped } = await parse(
      xml,
      quiz(`
  <question type="category"><category><text>$course$/top/Science/Physics</text></category></question>
  <question type="multichoice">
    <name><text>Speed</text></name>
    <questiontext format="html"><text><![CDATA[<p>What is <b>fastest</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Light &amp;amp; nothing else.&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <answer fraction="0"><text>Sound</text></answer>
    <answer fraction="100" format="html"><text><![CDATA[<i>Light</i>]]></text><feedback><text>yes</text></feedback></answer>
    <answer fraction="0"><text>A snail</text></answer>
    <tags><tag><text>optics</text></tag><tag><text>speed</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Primes</text></name>
    <questiontext format="plain_text"><text>Which are prime?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>
  <question type="category"><category><text>$course$/History</text></category></question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext><text>Rome was built in a day.</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>SA</text></name>
    <questiontext format="html"><text>Who crossed the Alps with elephants?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>Hannibal</text></answer>
    <answer fraction="50"><text>Hanibal</text></answer>
  </question>
  <question type="numerical">
    <name><text>Num</text></name>
    <questiontext format="html"><text>Year of the battle of Hastings?</text></questiontext>
    <answer fraction="100"><text>1066</text><tolerance>1</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
  </question>`),
    );
    expect(errors).toEqual([]);
    expect(skipped).toEqual([]);
    const [mc, multi, tf, sa, num] = questions;
    expect(mc?.type).toBe("single_choice");
    expect(mc?.text).toBe("What is fastest?");
    expect(correctOf(need(mc))).toEqual(["Light"]);
    expect(mc?.explanation).toBe("Light & nothing else.");
    expect(mc?.category).toBe("Science/Physics");
    expect(mc?.tags).toEqual(["optics", "speed"]);
    expect(mc?.sourceRef).toBe("Speed");
    expect(multi?.type).toBe("multiple_choice");
    expect(correctOf(need(multi))).toEqual(["2", "3"]);
    expect(tf?.answer).toEqual({ kind: "choices", correct: ["false"] });
    expect(tf?.category).toBe("History");
    expect(sa?.answer).toEqual({ kind: "text", accepted: ["Hannibal"], caseSensitive: true });
    expect(num?.answer).toEqual({ kind: "numeric", value: 1066, tolerance: 1 });
  });

  it("decodes <file> and legacy <image_base64> media", async () => {
    const { questions } = await parse(
      xml,
      quiz(`
  <question type="multichoice">
    <name><text>Pic</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which? <img src="@@PLUGINFILE@@/dot.png"></p>]]></text>
      <file name="dot.png" path="/" encoding="base64">${PNG_1PX}</file>
      <file name="noext" encoding="base64">${PNG_1PX}</file>
    </questiontext>
    <image>images/old.gif</image>
    <image_base64>
R0lGODlhAQABAAAAACw=
    </image_base64>
    <single>true</single>
    <answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
  </question>`),
    );
    const media = questions[0]?.media ?? [];
    expect(media.map((m) => [m.name, m.mimeType])).toEqual([
      ["dot.png", "image/png"],
      ["noext", "image/png"],
      ["old.gif", "image/gif"],
    ]);
    expect(media[0]?.bytes.slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it("keeps feedback media out of the question's media: they belong to the explanation", async () => {
    const { questions } = await parse(
      xml,
      quiz(`
  <question type="multichoice">
    <name><text>Solved</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which graph? <img src="@@PLUGINFILE@@/graph.png"></p>]]></text>
      <file name="graph.png" encoding="base64">${PNG_1PX}</file>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Worked: <img src="@@PLUGINFILE@@/solution.png"> <img src="@@PLUGINFILE@@/graph.png"></p>]]></text>
      <file name="solution.png" encoding="base64">${PNG_1PX}</file>
    </generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>a</text><feedback><text>Right</text><file name="why-a.png" encoding="base64">${PNG_1PX}</file></feedback></answer>
    <answer fraction="0"><text>b</text></answer>
    <correctfeedback><text>Well done</text><file name="medal.png" encoding="base64">${PNG_1PX}</file></correctfeedback>
  </question>`),
    );
    const q = need(questions[0]);
    expect(q.media.map((m) => m.name)).toEqual(["graph.png"]);
    expect(q.explanationMedia.map((m) => m.name).sort()).toEqual(["medal.png", "solution.png", "why-a.png"]);
    expect(q.text).toContain("@@PLUGINFILE@@/graph.png");
    // The explanation keeps its own images and those of the text.
    expect(q.explanation).toContain("@@PLUGINFILE@@/solution.png");
    expect(q.explanation).toContain("@@PLUGINFILE@@/graph.png");
  });

  it("keeps @@PLUGINFILE@@ images of embedded files in the text, mappable to stored media", async () => {
    const { questions } = await parse(
      xml,
      quiz(`
  <question type="truefalse">
    <name><text>tf</text></name>
    <questiontext format="html"><text><![CDATA[Is this Moodle 2.1?<br><img src="@@PLUGINFILE@@/moodle%20which.png" alt="photo"><img src="@@PLUGINFILE@@/missing.png"><img src="https://x.test/a.png">]]></text>
      <file name="moodle which.png" path="/" encoding="base64">${PNG_1PX}</file>
    </questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>`),
    );
    const q = need(questions[0]);
    expect(q.text).toBe("Is this Moodle 2.1?\n![photo](@@PLUGINFILE@@/moodle%20which.png)");
    expect(q.media.map((m) => m.name)).toEqual(["moodle which.png"]);
    const stored = replacePluginfileImages(q.text, (name) => (name === "moodle which.png" ? "/media/k1" : null));
    expect(stored).toBe("Is this Moodle 2.1?\n![photo](/media/k1)");
    expect(replacePluginfileImages(q.text, () => null)).toBe("Is this Moodle 2.1?\nphoto");
  });

  it("defaults to one answer without <single>, reads translated true/false and skips keys it cannot hold", async () => {
    const { questions, skipped } = await parse(
      xml,
      quiz(`
  <question type="multichoice"><name><text>no single</text></name><questiontext><text>Pick</text></questiontext>
    <answer fraction="0"><text>x</text></answer><answer fraction="100"><text>y</text></answer></question>
  <question type="truefalse"><name><text>vrai</text></name><questiontext><text>Le ciel est bleu ?</text></questiontext>
    <answer fraction="100"><text>Vrai</text></answer><answer fraction="0"><text>Faux</text></answer></question>
  <question type="multichoice"><name><text>two right</text></name><questiontext><text>Pick one</text></questiontext>
    <single>1</single><answer fraction="100"><text>x</text></answer><answer fraction="100"><text>y</text></answer>
    <answer fraction="0"><text>z</text></answer></question>
  <question type="numerical"><name><text>roots</text></name><questiontext><text>Roots?</text></questiontext>
    <answer fraction="100"><text>-7</text><tolerance>0</tolerance></answer>
    <answer fraction="100"><text>4</text><tolerance>0</tolerance></answer></question>`),
    );
    expect(questions.map((q) => [q.sourceRef, q.type, correctOf(q)])).toEqual([
      ["no single", "single_choice", ["y"]],
      ["vrai", "true_false", ["True"]],
    ]);
    expect(skipped.map((s) => [s.index, s.title])).toEqual([
      [2, "two right"],
      [3, "roots"],
    ]);
  });

  it("skips the types the data model cannot hold", async () => {
    const types = [
      "description",
      "essay",
      "matching",
      "cloze",
      "multianswer",
      "calculated",
      "calculatedsimple",
      "calculatedmulti",
      "ddwtos",
      "gapselect",
      "ddimageortext",
      "ddmarker",
      "randomsamatch",
    ];
    const { skipped, questions } = await parse(
      xml,
      quiz(
        types
          .map(
            (t) =>
              `<question type="${t}"><name><text>${t} q</text></name><questiontext><text>x</text></questiontext></question>`,
          )
          .join("\n"),
      ),
    );
    expect(questions).toEqual([]);
    expect(skipped.map((s) => s.title)).toEqual(types.map((t) => `${t} q`));
    expect(skipped.every((s) => s.reason.length > 0)).toBe(true);
  });

  it("reports bad records and goes on", async () => {
    const { questions, errors } = await parse(
      xml,
      quiz(`
  <question type="truefalse"><name><text>bad tf</text></name><questiontext><text>Q?</text></questiontext>
    <answer fraction="100"><text>maybe</text></answer></question>
  <question type="numerical"><name><text>bad num</text></name><questiontext><text>Q?</text></questiontext>
    <answer fraction="100"><text>abc</text></answer></question>
  <question type="shortanswer"><name><text>ok</text></name><questiontext><text>  padded &#x41;&#66;&eacute; </text></questiontext>
    <answer fraction="100"><text>
       yes
    </text></answer></question>`),
    );
    expect(errors.map((e) => e.index)).toEqual([0, 1]);
    expect(questions.map((q) => [q.text, correctOf(q)])).toEqual([["padded ABé", ["yes"]]]);
  });

  it("refuses a document that is not well-formed, saying where", async () => {
    const stray = quiz(
      `<question type="shortanswer"><questiontext><text>Q?</text></questiontext>\n</stray></question>`,
    );
    await expect(parse(xml, stray)).rejects.toThrow(/not well-formed XML: 5:\d+: unexpected close tag/);
    await expect(parse(xml, quiz("<question><a>x</b></question>"))).rejects.toBeInstanceOf(SourceFormatError);
  });

  it("caps nesting depth, elements and records", async () => {
    await expect(parse(xml, quiz("<q>".repeat(100)))).rejects.toThrow(/nested deeper than 64 levels/);
    await expect(parse(xml, quiz("<q/>".repeat(600_000)))).rejects.toThrow(/more than 500000 elements/);
    const record = `<question type="shortanswer"><questiontext><text>Q?</text></questiontext><answer fraction="100"><text>a</text></answer></question>`;
    const capped = sourceOf("moodle-xml", { maxRecords: 3 });
    expect((await parse(capped, quiz(record.repeat(3)))).questions).toHaveLength(3);
    await expect(parse(capped, quiz(record.repeat(4)))).rejects.toThrow(/more than 3 records/);
  });

  it("rejects a document without <quiz>", async () => {
    await expect(parse(xml, "<html><body>Not found</body></html>")).rejects.toBeInstanceOf(SourceFormatError);
  });
});
