import { type Draft, pickOthers, prng, shortAnswer, singleChoice } from "../draft.ts";

const CATEGORY = "languages";
const ENGLISH = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const SPANISH = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"];
const FRENCH = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"];
const COLOURS: [english: string, spanish: string, french: string][] = [
  ["red", "rojo", "rouge"],
  ["blue", "azul", "bleu"],
  ["green", "verde", "vert"],
  ["yellow", "amarillo", "jaune"],
  ["black", "negro", "noir"],
  ["white", "blanco", "blanc"],
];

function vocabulary(language: string, words: string[], english: string[], tag: string, rand: () => number): Draft[] {
  return words.flatMap((word, i) => {
    const meaning = english[i] as string;
    return [
      singleChoice(
        {
          text: `What does the ${language} word "${word}" mean?`,
          explanation: `"${word}" is ${language} for "${meaning}".`,
          category: CATEGORY,
          tags: [language.toLowerCase(), tag],
          difficulty: 1,
          bloomLevel: "remember",
        },
        meaning,
        pickOthers(english, meaning, 3, rand),
        rand,
      ),
      shortAnswer(
        {
          text: `Translate "${meaning}" into ${language}.`,
          explanation: `"${meaning}" is "${word}" in ${language}.`,
          category: CATEGORY,
          tags: [language.toLowerCase(), tag],
          difficulty: 2,
          bloomLevel: "remember",
        },
        [word],
      ),
    ];
  });
}

export function languageDrafts(): Draft[] {
  const rand = prng(808);
  const colours = COLOURS.map(([e]) => e);
  return [
    ...vocabulary("Spanish", SPANISH, ENGLISH, "numbers", rand),
    ...vocabulary("French", FRENCH, ENGLISH, "numbers", rand),
    ...vocabulary(
      "Spanish",
      COLOURS.map(([, s]) => s),
      colours,
      "colours",
      rand,
    ),
    ...vocabulary(
      "French",
      COLOURS.map(([, , f]) => f),
      colours,
      "colours",
      rand,
    ),
  ];
}
