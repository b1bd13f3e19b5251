import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeHtmlEntities as decodeEntities } from "../../src/pipeline/normalize/html-entities.ts";
import { sanitizeHtml } from "../../src/pipeline/normalize/sanitize-html.ts";
import { parse, sourceOf } from "../helpers/parse-source.ts";

/** GIFT's own escaping, as a writer of GIFT files would apply it. */
function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (ch) => `\\${ch}`);
}

/**
 * A kept link or image URL, read the way a browser reads it (WHATWG URL), has an allowed
 * scheme, and no colon in a first segment that a stricter reader would take for a scheme.
 */
function expectSafeUrl(url: string): void {
  if (url.startsWith("@@PLUGINFILE@@/")) return;
  if (/^[^/?#]*:/.test(url)) expect(url).toMatch(/^(https?|mailto):/i);
  if (URL.canParse(url, "https://base.test/dir/")) {
    expect(["http:", "https:", "mailto:"]).toContain(new URL(url, "https://base.test/dir/").protocol);
  }
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

  it("sanitizeHtml: whatever the input, only allowed tags and safe attributes come out", () => {
    const fragment = fc.constantFrom(
      "<script>",
      "</script>",
      "<b>",
      "</b>",
      "<p ",
      "<img ",
      "<a ",
      "href=",
      "src=",
      "onerror=",
      " onclick=",
      '"',
      "'",
      ">",
      "<",
      "/>",
      "javascript:",
      "JaVa&#x09;Script:",
      "data:",
      "&colon;",
      "\t",
      "&lt;",
      "&amp;",
      "<!--",
      "-->",
      "<style>",
      "x",
      " ",
      "@@PLUGINFILE@@/a.png",
      "https://x.test/",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const out = sanitizeHtml(parts.join(""));
        const open: string[] = [];
        for (const tag of out.match(/<[^>]*>/g) ?? []) {
          expect(tag).toMatch(
            /^<\/?(p|br|b|strong|i|em|u|s|sub|sup|code|pre|blockquote|ul|ol|li|table|thead|tbody|tr|th|td|caption|hr|a|img)( (href|src|alt|rel|colspan|rowspan)="[^"<>]*")*>$/,
          );
          expect(tag.toLowerCase()).not.toMatch(/\son\w+=/);
          for (const [, value = ""] of tag.matchAll(/ (?:href|src)="([^"]*)"/g)) expectSafeUrl(decodeEntities(value));
          const [, end, name = ""] = /^<(\/?)(\w+)/.exec(tag) ?? [];
          if (end) expect(open.pop()).toBe(name);
          else if (!["br", "hr", "img"].includes(name)) open.push(name);
        }
        // Balanced: nothing the fragment opens stays open past its end.
        expect(open).toEqual([]);
        // Text between tags holds no raw markup characters.
        expect(out.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
        expect(sanitizeHtml(out)).toBe(out);
      }),
      // Unseeded on purpose: a failure prints its seed and path; replay with { seed, path }.
      { numRuns: 50_000 },
    );
  });
});
