import { prng } from "../../src/seed/draft.ts";

/**
 * Deterministic synthetic quiz material for the pipeline benchmark: words from a made-up
 * vocabulary, so texts are distinct and their SimHashes spread over the bands like real ones.
 */
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ru",
  "sa",
  "ti",
  "vo",
  "ze",
  "qua",
  "bri",
  "dro",
  "fle",
  "gru",
  "pla",
  "sto",
];

export function vocabulary(size: number, rand: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

function sentence(words: string[], rand: () => number, n: number): string {
  return Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(" ");
}

/** Escapes GIFT's special characters in generated text. */
function gift(text: string): string {
  return text.replace(/([~=#{}:\\])/g, "\\$1");
}

/**
 * A GIFT document of `count` questions in ten categories, mixing the formats the data model
 * holds: single choice, multiple answers, true/false, numeric and short answer.
 */
export function generateGift(count: number, seed = 20261123): string {
  const rand = prng(seed);
  const words = vocabulary(4000, rand);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % Math.ceil(count / 10) === 0) out.push(`$CATEGORY: bench-${Math.floor(i / Math.ceil(count / 10))}\n`);
    const stem = `Which ${sentence(words, rand, 9)} (${i})?`;
    const choices = Array.from({ length: 4 }, () => gift(sentence(words, rand, 2)));
    switch (i % 5) {
      case 0:
      case 1:
        out.push(`::q${i}::${gift(stem)} {=${choices[0]} ~${choices[1]} ~${choices[2]} ~${choices[3]}}\n`);
        break;
      case 2:
        out.push(
          `::q${i}::${gift(`${sentence(words, rand, 10)} is ${sentence(words, rand, 2)} (${i}).`)} {${rand() < 0.5 ? "T" : "F"}}\n`,
        );
        break;
      case 3:
        out.push(`::q${i}::${gift(`How many ${sentence(words, rand, 8)} (${i})?`)} {#${Math.floor(rand() * 1000)}}\n`);
        break;
      default:
        out.push(`::q${i}::${gift(`Name the ${sentence(words, rand, 8)} (${i}).`)} {=${choices[0]}}\n`);
    }
  }
  return out.join("\n");
}

/** Distinct wordings for the deduplication scaling runs. */
export function syntheticTexts(count: number, seed: number): string[] {
  const rand = prng(seed);
  const words = vocabulary(4000, rand);
  return Array.from({ length: count }, (_, i) => `What ${sentence(words, rand, 10)} ${i}?`);
}
