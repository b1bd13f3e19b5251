/**
 * Short answers are compared after this: Unicode compatibility forms folded (NFKD), diacritics
 * dropped, whitespace collapsed and trimmed, and case folded unless the key is case-sensitive.
 */
export function normalizeAnswerText(text: string, caseSensitive = false): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
  return caseSensitive ? folded : folded.toLocaleLowerCase("und");
}
