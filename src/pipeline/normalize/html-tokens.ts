import { decodeHtmlEntities } from "./html-entities.ts";

/**
 * A forgiving HTML tokenizer for question fragments. Workers have no DOMParser, and imported
 * HTML is small and often broken (Word exports, half-escaped GIFT), so this follows the browser
 * rules that matter for turning markup into text: a '<' not followed by a tag name is text,
 * comments and doctypes vanish, and script/style bodies are opaque.
 */
export type HtmlToken =
  | { kind: "text"; text: string }
  | { kind: "start"; name: string; attrs: Map<string, string>; selfClosing: boolean }
  | { kind: "end"; name: string };

// Elements whose content is not markup: a '<' inside them does not open a tag.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);

/** Every element name of current HTML plus the presentational ones old exports still use. */
export const KNOWN_TAGS = new Set(
  (
    "a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption " +
    "center cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption " +
    "figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend " +
    "li link main map mark math meta meter nav noscript object ol optgroup option output p param picture pre " +
    "progress q rp rt ruby s samp script section select small source span strike strong style sub summary " +
    "sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr"
  ).split(" "),
);

export interface TokenizeOptions {
  /**
   * Treat only KNOWN_TAGS as markup. Moodle's "auto format" and Markdown allow HTML but also
   * hold plain text such as "<INSERT TEXT IMAGE HERE>", which must survive as text.
   */
  knownTagsOnly?: boolean;
}

// Sticky, and quoted values bounded: an unterminated quote must not make every later
// attribute scan to the end of the input.
const TAG_NAME = /[A-Za-z][A-Za-z0-9:-]{0,63}/y;
const SPACES = /\s*/y;
const ATTRIBUTE = /([^\s"'<>/=]{1,256})(?:\s*=\s*(?:"([^"]{0,4096})"|'([^']{0,4096})'|([^\s"'=<>`]{1,4096})))?/y;

/** Splits HTML into text runs (entities still encoded) and start/end tags with decoded attributes. */
export function tokenizeHtml(html: string, options: TokenizeOptions = {}): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = "";
  let i = 0;
  const lastGt = html.lastIndexOf(">");
  const closers = new Map<string, RegExp>();
  const flushText = () => {
    if (text) tokens.push({ kind: "text", text });
    text = "";
  };
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    const next = html[i + 1] ?? "";
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (next === "!" || next === "?") {
      const end = html.indexOf(">", i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const closing = next === "/";
    TAG_NAME.lastIndex = i + (closing ? 2 : 1);
    const nameMatch = TAG_NAME.exec(html);
    const name = nameMatch?.[0].toLowerCase();
    // A '<' with no '>' anywhere after it ("is a<b?") cannot be a tag; keep it as text
    // rather than let it swallow the rest of the question.
    if (!name || (options.knownTagsOnly && !KNOWN_TAGS.has(name)) || i > lastGt) {
      text += "<";
      i += 1;
      continue;
    }
    flushText();
    const parsed = readTag(html, i + (closing ? 2 : 1) + name.length);
    i = parsed.end;
    if (closing) {
      tokens.push({ kind: "end", name });
      continue;
    }
    tokens.push({ kind: "start", name, attrs: parsed.attrs, selfClosing: parsed.selfClosing });
    if (RAW_TEXT.has(name) && !parsed.selfClosing) {
      // Searched from here on (not in a lower-cased copy, whose indexes can differ).
      const closer = closers.get(name) ?? new RegExp(`</${name}`, "gi");
      closers.set(name, closer);
      closer.lastIndex = i;
      const bodyEnd = closer.exec(html)?.index ?? html.length;
      if (bodyEnd > i) tokens.push({ kind: "text", text: html.slice(i, bodyEnd) });
      i = bodyEnd;
    }
  }
  flushText();
  return tokens;
}

function readTag(html: string, from: number): { attrs: Map<string, string>; selfClosing: boolean; end: number } {
  const attrs = new Map<string, string>();
  let i = from;
  for (;;) {
    // Spaces are skipped once here, never rescanned by the patterns below.
    SPACES.lastIndex = i;
    SPACES.exec(html);
    i = SPACES.lastIndex;
    if (html[i] === ">") return { attrs, selfClosing: false, end: i + 1 };
    if (html[i] === "/" && html[i + 1] === ">") return { attrs, selfClosing: true, end: i + 2 };
    ATTRIBUTE.lastIndex = i;
    const attr = ATTRIBUTE.exec(html);
    if (!attr) {
      // Junk such as a stray '/' or quote: skip one character; an unterminated tag ends the input.
      if (i >= html.length) return { attrs, selfClosing: false, end: html.length };
      i += 1;
      continue;
    }
    const name = (attr[1] ?? "").toLowerCase();
    const value = attr[2] ?? attr[3] ?? attr[4] ?? "";
    if (!attrs.has(name)) attrs.set(name, decodeHtmlEntities(value));
    i += attr[0].length;
  }
}
