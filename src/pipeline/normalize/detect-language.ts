import { francAll } from "franc";
import { iso6393To1 } from "iso-639-3/iso6393-to-1.js";

/**
 * franc names individual languages where ISO 639-1 has only their macrolanguage: Halh
 * Mongolian (the Cyrillic Mongolian of Mongolia) is `khk`, Mandarin `cmn`, and so on.
 */
const MACROLANGUAGE: Record<string, string> = {
  khk: "mn",
  cmn: "zh",
  arb: "ar",
  pes: "fa",
  prs: "fa",
  zlm: "ms",
  zsm: "ms",
  swh: "sw",
  uzn: "uz",
  azj: "az",
  ekk: "et",
  lvs: "lv",
  npi: "ne",
  ydd: "yi",
  plt: "mg",
  gaz: "om",
  quy: "qu",
  ayr: "ay",
  als: "sq",
  kmr: "ku",
  ckb: "ku",
  ory: "or",
  knc: "kr",
};

/** ISO 639-1 for a franc (ISO 639-3) code; a language without one keeps its 639-3 code. */
export function toIso6391(code: string): string {
  return MACROLANGUAGE[code] ?? iso6393To1[code] ?? code;
}

/** Texts shorter than this tell franc too little: they take the source's language. */
const MIN_LENGTH = 10;
/** A question reads as another language than its source's only when that one scores far lower. */
const SOURCE_MARGIN = 0.8;
/** Enough of a source to know its language, bounded so detection stays cheap. */
const SAMPLE_CHARS = 20_000;
/**
 * Each question is compared with the languages its source's sample ranks highest and the
 * platform's and the web's most common ones, not all 400: cheap, and a bilingual bank whose
 * sample one script dominates still finds the other.
 */
const CANDIDATES = 8;
const COMMON = ["eng", "khk", "rus", "cmn", "spa", "fra", "deu", "nld", "por", "ita", "jpn", "kor", "arb", "tur"];
const TEXT_CHARS = 1_000;

/**
 * The language of each text (ISO 639-1), null when it cannot be told. The source's language,
 * detected from a sample of all its texts, wins unless a text clearly reads otherwise: short
 * questions are easily mistaken for a neighbour (Dutch for Afrikaans), a whole bank rarely is.
 */
export function detectLanguages(texts: readonly string[]): (string | null)[] {
  const sample = texts.join("\n").slice(0, SAMPLE_CHARS);
  const sampleRanking = francAll(sample, { minLength: MIN_LENGTH });
  const sourceLanguage = sampleRanking[0]?.[0] ?? "und";
  const only = [...new Set([...sampleRanking.slice(0, CANDIDATES).map(([code]) => code), ...COMMON])];
  return texts.map((text) => {
    const ranked = francAll(text.slice(0, TEXT_CHARS), { minLength: MIN_LENGTH, only });
    const top = ranked[0]?.[0] ?? "und";
    if (top === "und") return sourceLanguage === "und" ? null : toIso6391(sourceLanguage);
    const sourceScore = ranked.find(([code]) => code === sourceLanguage)?.[1] ?? 0;
    return toIso6391(sourceScore >= SOURCE_MARGIN ? sourceLanguage : top);
  });
}
