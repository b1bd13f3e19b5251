const MAX_TERMS = 8;

/**
 * Turns free text into a safe FTS5 query: words only (FTS5 syntax characters cannot reach
 * the MATCH), each quoted, the last one as a prefix so results follow typing. Null when
 * the text has no words.
 */
export function ftsQuery(text: string): string | null {
  const words = (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(" ");
}
