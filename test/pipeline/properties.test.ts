import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeHtmlEntities as decodeEntities } from "../../src/pipeline/normalize/html-entities.ts";
import { parse, sourceOf } from "../helpers/parse-source.ts";

/** GIFT's own escaping, as a writer of GIFT files would apply it. */
function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (ch) => `\\${ch}`);
}

describe("properties", () => {
  it("GIFT: escaped answer texts come back as written", async () => {
    const word = fc.string({
      unit: fc.constantFrom("a", "B", "7", "\\", "~", "=", "#", "{", "}", ":", "n", "."),
      minLength: 1,
      maxLength: 8,
    });
    const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(" "));
    await fc.assert(
      fc.asyncProperty(text, text, text, async (question, right, wrong) => {
        fc.pre(right.toLowerCase() !== wrong.toLowerCase());
        const body = `::T\\:1::${escapeGift(question)} {=${escapeGift(right)} ~${escapeGift(wrong)}}`;
        const { questions, errors } = await parse(sourceOf("gift", {}), body);
        expect(errors).toEqual([]);
        expect(questions[0]?.sourceRef).toBe("T:1");
        expect(questions[0]?.text).toBe(question);
        expect(questions[0]?.choices.map((c) => c.text)).toEqual([right, wrong]);
        expect(questions[0]?.answer).toEqual({ kind: "choices", correct: ["a"] });
      }),
      { numRuns: 200 },
    );
  });

  it("entities: numeric references decode to the character they name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }), (s) => {
        const dec = [...s].map((ch) => `&#${ch.codePointAt(0)};`).join("");
        const hex = [...s].map((ch) => `&#x${ch.codePointAt(0)?.toString(16)};`).join("");
        expect(decodeEntities(dec)).toBe(s);
        expect(decodeEntities(hex)).toBe(s);
      }),
    );
  });
});
