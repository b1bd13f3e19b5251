import { htmlToText } from "../normalize/html-to-text.ts";
import { normalizeWhitespace } from "../normalize/whitespace.ts";

/** Moodle's text formats, by the names GIFT and Moodle XML give them. */
export type TextFormat = "html" | "moodle" | "plain" | "markdown";

/** Moodle XML `format` attributes to our formats; Moodle's own default is moodle_auto_format. */
export function xmlTextFormat(attr: string | undefined): TextFormat {
  switch ((attr ?? "").toLowerCase()) {
    case "html":
      return "html";
    case "plain_text":
    case "plain":
      return "plain";
    case "markdown":
      return "markdown";
    default:
      return "moodle";
  }
}

/** Removes the indentation every non-blank line shares (texts pasted inside indented XML). */
function dedent(text: string): string {
  const indents = text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.reduce((min, n) => Math.min(min, n), indents[0] ?? 0);
  return common > 0 ? text.replace(new RegExp(`^[ \\t]{0,${common}}`, "gm"), "") : text;
}

/**
 * Markdown to plain text: keeps the words, drops the markup. No pattern may cross a line or
 * run unbounded to a closing mark, which would make it quadratic on hostile text.
 */
function stripMarkdown(text: string): string {
  return dedent(text.replace(/\r\n?/g, "\n"))
    .replace(/^[ \t]*```.*$/gm, "")
    .replace(/!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, "$1")
    .replace(/^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?=\S))/gm, "")
    .replace(/^[ \t]*[-|:][-|: \t]{2,}$/gm, "")
    .replace(/(\*{1,3}|_{2,3}|`)(?=\S)([^*_`]*?\S)\1/g, "$2");
}

export interface RenderOptions {
  /** Images whose src this accepts stay in the text as `![alt](src)` (see htmlToText). */
  keepImage?: (src: string) => boolean;
}

/** A text in one of Moodle's formats as plain text. */
export function renderFormatted(text: string, format: TextFormat, options: RenderOptions = {}): string {
  switch (format) {
    case "html":
      return htmlToText(text, options);
    case "moodle":
      // Moodle's auto-format is HTML in which line breaks are kept and where only real tags are
      // markup: "<INSERT TEXT HERE>" or "x < 3" in such a text is meant literally.
      return htmlToText(text.replace(/\r?\n/g, "<br>"), { ...options, knownTagsOnly: true });
    case "markdown":
      return normalizeWhitespace(stripMarkdown(text));
    default:
      return normalizeWhitespace(text);
  }
}
