import { type Draft, pickOthers, pickSome, prng, selectAll, shortAnswer, singleChoice } from "../draft.ts";

const CATEGORY = "languages";

type Language = "Spanish" | "French" | "German";
const LANGUAGES: Language[] = ["Spanish", "French", "German"];

/** English word, then Spanish, French and German, grouped by theme. */
const WORDS: Record<string, [english: string, es: string, fr: string, de: string][]> = {
  numbers: [
    ["one", "uno", "un", "eins"],
    ["two", "dos", "deux", "zwei"],
    ["three", "tres", "trois", "drei"],
    ["four", "cuatro", "quatre", "vier"],
    ["five", "cinco", "cinq", "fünf"],
    ["six", "seis", "six", "sechs"],
    ["seven", "siete", "sept", "sieben"],
    ["eight", "ocho", "huit", "acht"],
    ["nine", "nueve", "neuf", "neun"],
    ["ten", "diez", "dix", "zehn"],
  ],
  colours: [
    ["red", "rojo", "rouge", "rot"],
    ["blue", "azul", "bleu", "blau"],
    ["green", "verde", "vert", "grün"],
    ["yellow", "amarillo", "jaune", "gelb"],
    ["black", "negro", "noir", "schwarz"],
    ["white", "blanco", "blanc", "weiß"],
  ],
  days: [
    ["Monday", "lunes", "lundi", "Montag"],
    ["Tuesday", "martes", "mardi", "Dienstag"],
    ["Wednesday", "miércoles", "mercredi", "Mittwoch"],
    ["Thursday", "jueves", "jeudi", "Donnerstag"],
    ["Friday", "viernes", "vendredi", "Freitag"],
    ["Saturday", "sábado", "samedi", "Samstag"],
    ["Sunday", "domingo", "dimanche", "Sonntag"],
  ],
};

/** Other correct forms: feminine adjectives, "a/one" forms, and a regional synonym. */
const ALSO: Record<string, string[]> = {
  uno: ["una", "un"],
  un: ["une"],
  eins: ["ein", "eine"],
  rojo: ["roja"],
  amarillo: ["amarilla"],
  negro: ["negra"],
  blanco: ["blanca"],
  bleu: ["bleue"],
  vert: ["verte"],
  noir: ["noire"],
  blanc: ["blanche"],
  Samstag: ["Sonnabend"],
};

/**
 * Words that are also words of another of these languages (French "dos" is "back", "lunes"
 * "moons", "rot" "burp"; Spanish "un" is "a"; "tres" is nearly French "très").
 */
const AMBIGUOUS = new Set(["dos", "lunes", "rot", "un", "tres"]);

/** How people type without the special keys: accents dropped, or German ä→ae, ß→ss. */
function keyboardForms(word: string, language: Language): string[] {
  if (language === "German") {
    return [word.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")];
  }
  return [word.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC")];
}

export function languageDrafts(): Draft[] {
  const rand = prng(808);
  const drafts: Draft[] = [];
  for (const [theme, rows] of Object.entries(WORDS)) {
    const meanings = rows.map(([english]) => english);
    LANGUAGES.forEach((language, li) => {
      const tags = [language.toLowerCase(), theme, "vocabulary"];
      for (const row of rows) {
        const [meaning, word] = [row[0], row[li + 1] as string];
        // "six" is French and English alike: nothing to ask.
        if (word.toLowerCase() === meaning.toLowerCase()) continue;
        const hard = language === "German" || theme === "days";
        drafts.push(
          singleChoice(
            {
              text: `What does the ${language} word "${word}" mean?`,
              explanation: `"${word}" is ${language} for "${meaning}".`,
              category: CATEGORY,
              tags,
              difficulty: hard ? 2 : 1,
              bloomLevel: "remember",
            },
            meaning,
            pickOthers(meanings, meaning, 3, rand),
            rand,
          ),
          shortAnswer(
            {
              text: `Translate "${meaning}" into ${language}.`,
              explanation: `"${meaning}" is "${word}" in ${language}.`,
              category: CATEGORY,
              tags,
              difficulty: hard ? 3 : 2,
              bloomLevel: "remember",
            },
            [word, ...keyboardForms(word, language), ...(ALSO[word] ?? [])],
          ),
        );
      }
    });
  }

  // Which language a word is from; words shared by two languages are left out.
  const all = Object.values(WORDS).flat();
  const wordsOf = (li: number) => all.map((row) => row[li + 1] as string);
  const shared = (w: string) => AMBIGUOUS.has(w) || LANGUAGES.filter((_, li) => wordsOf(li).includes(w)).length > 1;
  for (const [li, language] of LANGUAGES.entries()) {
    for (let round = 0; round < 3; round++) {
      const mine = pickSome(
        wordsOf(li).filter((w) => !shared(w)),
        2 + (round % 2),
        rand,
      );
      const others = LANGUAGES.flatMap((_, lj) => (lj === li ? [] : wordsOf(lj))).filter((w) => !shared(w));
      const options = pickSome([...mine, ...pickSome(others, 6 - mine.length, rand)], 6, rand);
      drafts.push(
        ...selectAll(
          {
            text: `Select every ${language} word: ${options.join(", ")}.`,
            explanation: `The ${language} words: ${options.filter((o) => mine.includes(o)).join(", ")}.`,
            category: CATEGORY,
            tags: [language.toLowerCase(), "vocabulary"],
            difficulty: 3,
            bloomLevel: "analyze",
          },
          options.map((o) => [o, mine.includes(o)]),
        ),
      );
    }
  }
  return drafts;
}
