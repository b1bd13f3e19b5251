import { describe, expect, it } from "vitest";
import { pickLanguage, safeReturnPath } from "../../src/learner/language.ts";
import { CATALOGUE, type MessageKey, translator } from "../../src/learner/messages.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalogue", () => {
  it("has every English key in Mongolian, with the same placeholders and no English left over", () => {
    for (const key of Object.keys(CATALOGUE.en) as MessageKey[]) {
      expect(placeholders(CATALOGUE.mn[key]), key).toEqual(placeholders(CATALOGUE.en[key]));
      if (key !== "app.name") expect(CATALOGUE.mn[key], key).not.toBe(CATALOGUE.en[key]);
    }
  });

  it("fills placeholders and leaves unknown ones as written", () => {
    const t = translator("en");
    expect(t("quiz.progress", { position: 2, length: 10 })).toBe("Question 2 of 10");
    expect(t("quiz.progress", { position: 2 })).toBe("Question 2 of {length}");
  });
});

describe("choosing the language", () => {
  it("takes the learner's choice, then Accept-Language by q-value, then English", () => {
    expect(pickLanguage("mn", "en")).toBe("mn");
    expect(pickLanguage("xx", "fr;q=1, mn;q=0.8, en;q=0.7")).toBe("mn");
    expect(pickLanguage(undefined, "en;q=0.2, mn-MN;q=0.9")).toBe("mn");
    expect(pickLanguage(undefined, "mn;q=0, en")).toBe("en");
    expect(pickLanguage(undefined, "de")).toBe("en");
    expect(pickLanguage(undefined, undefined)).toBe("en");
  });

  it("returns only to local paths", () => {
    expect(safeReturnPath("/quiz/abc?x=1")).toBe("/quiz/abc?x=1");
    expect(safeReturnPath("//evil")).toBe("/");
    expect(safeReturnPath("http://evil")).toBe("/");
    expect(safeReturnPath(undefined)).toBe("/");
  });
});
