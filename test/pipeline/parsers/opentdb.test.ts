import { describe, expect, it } from "vitest";
import { SourceFormatError, SourceRetryableError } from "../../../src/pipeline/parsers/errors.ts";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

const opentdb = sourceOf("opentdb", { encoding: "default" });

const response = (results: unknown[], code: number | undefined = 0) =>
  JSON.stringify(code === undefined ? { results } : { response_code: code, results });

const multiple = {
  type: "multiple",
  difficulty: "hard",
  category: "Science &amp; Nature",
  question:
    "Which of these is &quot;Caf&eacute;&quot; &#039;s &lt;b&gt; Pok&eacute;mon &pi; &rsquo; &#x41; cr&shy;oss?",
  correct_answer: " Zeta ",
  incorrect_answers: ["Alpha", "Mu ", "Beta"],
};
const boolean = {
  type: "boolean",
  difficulty: "easy",
  category: "History",
  question: "The sky is green.",
  correct_answer: "False",
  incorrect_answers: ["True"],
};

describe("OpenTDB", () => {
  it("decodes HTML entities, trims answers and maps difficulty and category", async () => {
    const { questions, errors } = await parse(opentdb, response([multiple, { ...boolean, difficulty: "medium" }]));
    expect(errors).toEqual([]);
    const [mc, tf] = questions;
    expect(mc?.text).toBe('Which of these is "Café" \'s <b> Pokémon π \u2019 A cross?');
    expect(mc?.type).toBe("single_choice");
    expect(mc?.choices.map((c) => c.text).sort()).toEqual(["Alpha", "Beta", "Mu", "Zeta"]);
    expect(correctOf(need(mc))).toEqual(["Zeta"]);
    expect(mc?.difficulty).toBe(5);
    expect(mc?.category).toBe("Science & Nature");
    expect(tf?.type).toBe("true_false");
    expect(tf?.answer).toEqual({ kind: "choices", correct: ["false"] });
    expect(tf?.difficulty).toBe(3);
  });

  it("maps easy to 1", async () => {
    const { questions } = await parse(opentdb, response([boolean]));
    expect(questions[0]?.difficulty).toBe(1);
  });

  it("reads url3986 bodies, by option or detected", async () => {
    const encoded = Object.fromEntries(
      Object.entries(multiple).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((s) => encodeURIComponent(s)) : encodeURIComponent(v),
      ]),
    );
    encoded.question = encodeURIComponent('Who said "Hello, world"?');
    for (const source of [sourceOf("opentdb", { encoding: "url3986" }), opentdb]) {
      const { questions } = await parse(source, response([encoded]));
      expect(questions[0]?.text).toBe('Who said "Hello, world"?');
      expect(questions[0]?.category).toBe("Science &amp; Nature");
    }
  });

  it("reads base64 bodies, by option or detected", async () => {
    const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
    const encoded = {
      type: b64("multiple"),
      difficulty: b64("medium"),
      category: b64("Kunst"),
      question: b64("Wer malte »Die Sternennacht«?"),
      correct_answer: b64("van Gogh"),
      incorrect_answers: [b64("Monet"), b64("Dürer")],
    };
    for (const source of [sourceOf("opentdb", { encoding: "base64" }), opentdb]) {
      const { questions, errors } = await parse(source, response([encoded]));
      expect(errors).toEqual([]);
      expect(questions[0]?.text).toBe("Wer malte »Die Sternennacht«?");
      expect(questions[0]?.choices.map((c) => c.text)).toContain("Dürer");
      expect(questions[0]?.difficulty).toBe(3);
    }
  });

  it("reads a body saved as JavaScript and one without response_code", async () => {
    const js = `// saved\nexport default ${response([boolean])};\n`;
    expect((await parse(opentdb, js)).questions).toHaveLength(1);
    expect((await parse(opentdb, response([boolean], undefined))).questions).toHaveLength(1);
  });

  it("treats response_code 1 as no questions", async () => {
    expect(await parse(opentdb, response([], 1))).toEqual({ questions: [], skipped: [], errors: [] });
  });

  it("throws typed errors for unusable documents and rate limits", async () => {
    for (const code of [2, 3, 4, 6])
      await expect(parse(opentdb, response([], code))).rejects.toBeInstanceOf(SourceFormatError);
    await expect(parse(opentdb, response([], 2))).rejects.toThrow("invalid parameter (response_code 2)");
    await expect(parse(opentdb, "<html>Bad gateway</html>")).rejects.toBeInstanceOf(SourceFormatError);
    await expect(parse(opentdb, "{not json}")).rejects.toBeInstanceOf(SourceFormatError);
    const limited = await parse(opentdb, response([], 5)).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SourceRetryableError);
    expect((limited as SourceRetryableError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("reports bad records and goes on", async () => {
    const { questions, errors, skipped } = await parse(
      opentdb,
      response([
        { ...boolean, correct_answer: "Maybe" },
        { type: "multiple" },
        { ...boolean, type: "slider" },
        boolean,
      ]),
    );
    expect(errors.map((e) => e.index)).toEqual([0, 1]);
    expect(skipped.map((s) => s.index)).toEqual([2]);
    expect(questions).toHaveLength(1);
  });
});
