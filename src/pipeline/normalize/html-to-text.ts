import { decodeHtmlEntities } from "./html-entities.ts";
import { type TokenizeOptions, tokenizeHtml } from "./html-tokens.ts";
import { isSafeUrl } from "./safe-url.ts";
import { cleanCharacters } from "./whitespace.ts";

/**
 * Question text is stored as plain text, so imported HTML is rendered the way a reader sees
 * it: source line breaks are spaces, paragraphs are separated by a blank line, other blocks and
 * <br> start a new line, list items get a dash, table cells are joined by " | ", <pre> keeps
 * its spacing, and scripts, styles and comments vanish with their content.
 */

// Elements whose content is never shown as text.
const HIDDEN = new Set(["script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"]);
// Elements with a blank line before and after them.
const PARAGRAPH = new Set(["p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"]);
// Elements that sit on lines of their own.
const LINE = new Set(
  (
    "div li tr dt dd caption figure figcaption section article header footer aside nav address hr details " +
    "summary main center body html"
  ).split(" "),
);
const CELL = new Set(["td", "th"]);

export interface HtmlToTextOptions extends TokenizeOptions {
  /**
   * Images are dropped unless this accepts their (safe) src; kept ones become Markdown-style
   * `![alt](src)`, so a reference such as `@@PLUGINFILE@@/graph.png` stays where the image was
   * and can later be pointed at the stored file.
   */
  keepImage?: (src: string) => boolean;
}

/**
 * Builds the text line by line. The current line is a list of pieces, and whether it is empty
 * or ends in a space is tracked rather than read back from the string: inspecting a string
 * that grows by concatenation flattens it each time, which makes long lines quadratic.
 */
class TextBuilder {
  private readonly lines: string[] = [];
  private line: string[] = [];
  private lineEmpty = true;
  private endsWithSpace = false;
  private rowHasCell = false;
  // A <br> only shows when something follows it inside the same block, so breaks wait here.
  private pendingBreaks = 0;

  inline(text: string): void {
    const collapsed = cleanCharacters(text).replace(/[ \n]+/g, " ");
    if (collapsed.trim() === "" && this.pendingBreaks > 0) return;
    if (!collapsed) return;
    this.flushBreaks();
    this.append(this.lineEmpty || this.endsWithSpace ? collapsed.replace(/^ /, "") : collapsed);
  }

  verbatim(text: string): void {
    this.flushBreaks();
    cleanCharacters(text)
      .split("\n")
      .forEach((part, n) => {
        if (n > 0) this.push();
        this.append(part);
      });
  }

  lineBreak(): void {
    this.pendingBreaks += 1;
  }

  cell(): void {
    this.pendingBreaks = 0;
    if (this.rowHasCell) {
      this.dropTrailingSpace();
      this.append(" | ");
    }
    this.rowHasCell = true;
  }

  block(): void {
    this.pendingBreaks = 0;
    this.rowHasCell = false;
    if (this.line.some((piece) => piece.trim() !== "")) this.push();
    this.clearLine();
  }

  paragraph(): void {
    this.block();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }

  finish(): string {
    this.block();
    return this.lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/^\n+|\n+$/g, "");
  }

  private append(piece: string): void {
    if (!piece) return;
    this.line.push(piece);
    this.lineEmpty = false;
    this.endsWithSpace = piece.endsWith(" ");
  }

  private dropTrailingSpace(): void {
    const last = this.line.length - 1;
    const piece = this.line[last];
    if (piece !== undefined) this.line[last] = piece.trimEnd();
  }

  private flushBreaks(): void {
    for (; this.pendingBreaks > 0; this.pendingBreaks--) this.push();
  }

  private push(): void {
    this.lines.push(this.line.join("").trimEnd());
    this.clearLine();
  }

  private clearLine(): void {
    this.line = [];
    this.lineEmpty = true;
    this.endsWithSpace = false;
  }
}

/** Renders an HTML fragment as plain text (see the module comment for the rules). */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const out = new TextBuilder();
  let hidden: { name: string; depth: number } | null = null;
  let preDepth = 0;
  for (const token of tokenizeHtml(html, options)) {
    if (hidden) {
      if (token.kind === "start" && token.name === hidden.name && !token.selfClosing) hidden.depth += 1;
      if (token.kind === "end" && token.name === hidden.name) hidden.depth -= 1;
      if (hidden.depth === 0) hidden = null;
      continue;
    }
    if (token.kind === "text") {
      const text = decodeHtmlEntities(token.text);
      if (preDepth > 0) out.verbatim(text);
      else out.inline(text);
      continue;
    }
    const { name } = token;
    if (token.kind === "end") {
      if (PARAGRAPH.has(name)) out.paragraph();
      else if (LINE.has(name)) out.block();
      if (name === "pre" && preDepth > 0) preDepth -= 1;
      continue;
    }
    if (HIDDEN.has(name)) {
      if (!token.selfClosing) hidden = { name, depth: 1 };
    } else if (name === "br") out.lineBreak();
    else if (name === "img") image(out, token.attrs, options.keepImage);
    else if (PARAGRAPH.has(name)) out.paragraph();
    else if (CELL.has(name)) out.cell();
    else if (LINE.has(name)) out.block();
    if (name === "li") out.inline("- ");
    if (name === "pre" && !token.selfClosing) preDepth += 1;
  }
  return out.finish();
}

function image(out: TextBuilder, attrs: Map<string, string>, keep: ((src: string) => boolean) | undefined): void {
  const src = attrs.get("src")?.trim() ?? "";
  if (!src || !keep || !isSafeUrl(src) || !keep(src)) return;
  const alt = (attrs.get("alt") ?? "").replace(/[[\]]/g, "").trim();
  // Markdown ends the link target at ')' or a space, so those are percent-encoded.
  const target = src.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\s/g, "%20");
  out.inline(` ![${alt}](${target}) `);
}
