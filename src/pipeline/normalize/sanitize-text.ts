import { decodeEntities } from "./entities.ts";

/** Elements whose content is never text a learner should see. */
const DROPPED = /<(script|style|head|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements that end a line or paragraph when rendered. */
const BLOCK = /^(p|div|br|li|ul|ol|tr|table|h[1-6]|blockquote|pre|section|article|hr|dd|dt)$/i;
const TAG = /<\/?([A-Za-z][A-Za-z0-9:-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>/g;

/** True when the text contains something that looks like a real HTML tag or entity. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(p|br|b|i|u|em|strong|span|div|img|a|sub|sup|ul|ol|li|table|blockquote|code|pre|h[1-6])\b[^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+\d?);/i.test(
    text,
  );
}

/**
 * HTML to readable plain text: source line breaks are spaces, as in a browser; drops comments
 * and script/style content, turns block elements into line breaks, removes the other tags, decodes entities and collapses
 * whitespace (keeping single line breaks between paragraphs).
 */
export function sanitizeText(html: string): string {
  const text = html
    .replace(/\s+/g, " ")
    .replace(/<!--[\s\S]*?(-->|$)/g, "")
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(DROPPED, "")
    .replace(TAG, (_tag, name: string) => (BLOCK.test(name) ? "\n" : ""))
    .replace(/<(?=[A-Za-z/!])[^<>]*$/, "");
  return collapseWhitespace(decodeEntities(text));
}

/** Collapses runs of spaces (incl. no-break spaces) and blank lines; trims every line. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line, i, lines) => line !== "" || (i > 0 && lines[i - 1] !== ""))
    .join("\n")
    .trim();
}
