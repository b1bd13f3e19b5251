import { decodeHtmlEntities } from "./html-entities.ts";
import { type TokenizeOptions, tokenizeHtml } from "./html-tokens.ts";
import { isSafeUrl } from "./safe-url.ts";
import { cleanCharacters } from "./whitespace.ts";

/**
 * Question text is stored as plain text, so imported HTML is rendered the way a reader sees it:
 * paragraphs and line breaks become new lines, list items get a dash, table cells are
 * separated by " | ", and scripts, styles and comments disappear with their content. Images
 * become Markdown-style `![alt](src)` so that `@@PLUGINFILE@@/name` references stay in the
 * text, where the media stage can map them to stored files.
 */

// Elements whose content is never shown as text.
const HIDDEN = new Set(["script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"]);
// Elements that start and end a paragraph (a blank line around them).
const PARAGRAPH = new Set(["p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"]);
// Elements that sit on their own line.
const LINE = new Set([
  "div",
  "li",
  "tr",
  "dt",
  "dd",
  "caption",
  "figure",
  "figcaption",
  "section",
  "article",
  "header",
  "footer",
  "aside",
  "nav",
  "address",
  "hr",
  "details",
  "summary",
  "main",
  "center",
  "body",
  "html",
]); // prettier-ignore
const CELL = new Set(["td", "th"]);

class TextBuilder {
  private readonly lines: string[] = [];
  private line = "";
  private rowHasCell = false;

  word(text: string): void {
    const collapsed = cleanCharacters(text).replace(/[ \n]+/g, " ");
    if (!collapsed) return;
    if (this.line === "" || this.line.endsWith(" ")) this.line += collapsed.replace(/^ /, "");
    else this.line += collapsed;
  }

  verbatim(text: string): void {
    const parts = cleanCharacters(text).split("\n");
    parts.forEach((part, n) => {
      if (n > 0) this.breakLine(true);
      this.line += part;
    });
  }

  cell(): void {
    if (this.rowHasCell) this.line = `${this.line.trimEnd()} | `;
    this.rowHasCell = true;
  }

  /** Ends the current line; `force` also records an empty line (a <br> on its own). */
  breakLine(force = false): void {
    this.rowHasCell = false;
    if (this.line.trim() === "" && !force) return;
    this.lines.push(this.line.trimEnd());
    this.line = "";
  }

  paragraph(): void {
    this.breakLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }

  finish(): string {
    this.breakLine();
    return this.lines.join("\n");
  }
}

/** Renders an HTML fragment as plain text (see the module comment for the rules). */
export function htmlToText(html: string, options: TokenizeOptions = {}): string {
  const out = new TextBuilder();
  let hiddenDepth = 0;
  let hiddenName = "";
  let preDepth = 0;
  for (const token of tokenizeHtml(html, options)) {
    if (hiddenDepth > 0) {
      if (token.kind === "start" && token.name === hiddenName && !token.selfClosing) hiddenDepth += 1;
      if (token.kind === "end" && token.name === hiddenName) hiddenDepth -= 1;
      continue;
    }
    if (token.kind === "text") {
      const text = decodeHtmlEntities(token.text);
      if (preDepth > 0) out.verbatim(text);
      else out.word(text);
      continue;
    }
    const { name } = token;
    if (token.kind === "start") {
      if (HIDDEN.has(name)) {
        if (!token.selfClosing) {
          hiddenDepth = 1;
          hiddenName = name;
        }
      } else if (name === "br") out.breakLine(true);
      else if (name === "img") image(out, token.attrs);
      else if (PARAGRAPH.has(name)) out.paragraph();
      else if (CELL.has(name)) out.cell();
      else if (LINE.has(name)) out.breakLine();
      if (name === "li") out.word("- ");
      if (name === "pre" && !token.selfClosing) preDepth += 1;
      continue;
    }
    if (PARAGRAPH.has(name)) out.paragraph();
    else if (LINE.has(name)) out.breakLine();
    if (name === "pre" && preDepth > 0) preDepth -= 1;
  }
  return out
    .finish()
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

function image(out: TextBuilder, attrs: Map<string, string>): void {
  const src = attrs.get("src")?.trim() ?? "";
  const alt = (attrs.get("alt") ?? "").replace(/[[\]]/g, "").trim();
  if (src && isSafeUrl(src) && !/^data:/i.test(src)) out.word(` ![${alt}](${escapeParens(src)}) `);
  else if (alt) out.word(` ${alt} `);
}

// Markdown ends the link target at ')' or a space, so those are percent-encoded.
function escapeParens(src: string): string {
  return src.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\s/g, "%20");
}
