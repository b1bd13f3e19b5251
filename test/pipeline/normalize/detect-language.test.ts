import { describe, expect, it } from "vitest";
import { ScraperSource } from "../../../schemas/scraper-source.ts";
import { detectLanguages, toIso6391 } from "../../../src/pipeline/normalize/detect-language.ts";
import { buildCandidate, NO_MEDIA, signatureText } from "../../../src/pipeline/scrape/build-candidate.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { parse, sourceOf } from "../../helpers/parse-source.ts";

const MONGOLIAN = [
  "Монгол улсын нийслэл хот аль вэ?",
  "Хамгийн том далай аль нь вэ?",
  "Нарны аймгийн хамгийн том гараг аль вэ?",
  "Чингис хаан хэдэн онд төрсөн бэ?",
];
const DUTCH = [
  "Wat is de hoofdstad van Nederland?",
  "Hoeveel poten heeft een spin?",
  "Welke rivier stroomt door Keulen en Rotterdam?",
  "Wie schilderde de Nachtwacht?",
];

describe("language detection", () => {
  it("maps franc's ISO 639-3 codes to ISO 639-1, individual languages to their macrolanguage", () => {
    expect(["eng", "nld", "khk", "mon", "cmn", "rus"].map(toIso6391)).toEqual(["en", "nl", "mn", "mn", "zh", "ru"]);
  });

  it("reads Cyrillic Mongolian as mn and a Dutch bank as nl, a short question taking its source's language", () => {
    expect(detectLanguages(MONGOLIAN)).toEqual(["mn", "mn", "mn", "mn"]);
    // Alone, the first reads as Afrikaans to franc; within its bank it is Dutch.
    expect(detectLanguages(DUTCH)).toEqual(["nl", "nl", "nl", "nl"]);
    expect(detectLanguages([...DUTCH, "Spin?"]).at(-1)).toBe("nl");
    expect(detectLanguages(["?"])).toEqual([null]);
  });

  it("tells the languages of a bilingual bank apart", () => {
    const english = ["Which planet is closest to the Sun?", "Who wrote the play Romeo and Juliet?"];
    expect(detectLanguages([...MONGOLIAN, ...english])).toEqual(["mn", "mn", "mn", "mn", "en", "en"]);
  });

  it("gives a question the source's own language when it has one, else the detected one, never a default", async () => {
    const bank = DUTCH.map((q, i) => `${q}\nA. een ${i}\nB. twee ${i}\nANSWER: A\n`).join("\n");
    const unset = ScraperSource.parse({ id: "nl", url: "https://quiz.test/nl.txt", format: "aiken" });
    expect(unset.language).toBeUndefined();
    const outcome = await parse(unset, bank);
    const languages = detectLanguages(outcome.questions.map(signatureText));
    const built = await Promise.all(
      outcome.questions.map((q, i) =>
        buildCandidate(q, unset, { ...NO_MEDIA, detectedLanguage: languages[i] ?? null }, similarity),
      ),
    );
    expect(built.map((b) => ("candidate" in b ? b.candidate.language : b.error))).toEqual(["nl", "nl", "nl", "nl"]);
    const declared = sourceOf("aiken", {});
    const own = await buildCandidate(
      outcome.questions[0] as (typeof outcome.questions)[0],
      { ...declared, language: "af" },
      { ...NO_MEDIA, detectedLanguage: "nl" },
      similarity,
    );
    expect("candidate" in own && own.candidate.language).toBe("af");
  });
});
