/**
 * Whitespace and invisible-character clean-up for imported text. Sources pad answers with
 * spaces (OpenTDB has answers with trailing blanks), use no-break spaces and soft hyphens from
 * word processors, and mix CRLF with LF; copies that differ only in these should be equal.
 */

// Characters that render as nothing in running text: soft hyphen, zero-width space, word
// joiner, BOM, and the bidi marks (&lrm; &rlm;) that scraped pages sprinkle into Latin text.
// Zero-width (non-)joiners stay: emoji sequences and Indic scripts need them.
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u2060\uFEFF]/g;

// Every Unicode space separator but the plain space, plus tab, vertical tab and form feed.
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

// C0/C1 control characters other than the line feed carry no meaning in question text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/** NFC, LF line ends, invisible characters removed, every space-like character a plain space. */
export function cleanCharacters(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(CONTROLS, "");
}

/**
 * Normalizes multi-line text: NFC, LF line ends, odd spaces to plain ones, runs of spaces to
 * one, lines trimmed, at most one blank line in a row, no leading or trailing blank lines.
 */
export function normalizeWhitespace(text: string): string {
  return cleanCharacters(text)
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Like normalizeWhitespace, but everything on one line: for choices, categories and tags. */
export function singleLine(text: string): string {
  return cleanCharacters(text).replace(/\s+/g, " ").trim();
}

/**
 * For text whose indentation means something (Markdown lists and code): removes only the
 * indentation all lines share, trailing spaces and extra blank lines.
 */
export function normalizeIndentedText(text: string): string {
  const lines = cleanCharacters(text)
    .split("\n")
    .map((line) => line.trimEnd());
  const indents = lines.filter((line) => line.length > 0).map((line) => line.length - line.trimStart().length);
  // A loop, not Math.min(...indents): spreading 100,000 lines overflows the stack.
  const common = indents.reduce((min, n) => Math.min(min, n), indents[0] ?? 0);
  return lines
    .map((line) => line.slice(common))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}
