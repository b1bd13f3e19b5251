import { decodeHtmlEntities, escapeHtml } from "./html-entities.ts";
import { tokenizeHtml } from "./html-tokens.ts";
import { isSafeUrl, urlScheme } from "./safe-url.ts";
import { cleanCharacters } from "./whitespace.ts";

/**
 * Reduces imported HTML to a small allow-list of formatting markup that is safe to render
 * as-is: no scripts or styles (with their content), no event handlers or style/class
 * attributes, and links and images only with http(s), mailto, relative or `@@PLUGINFILE@@`
 * URLs. The output is rebuilt from tokens rather than filtered, so whatever the input does
 * with quotes or broken tags, every tag in the output is one we wrote.
 */

const ALLOWED = new Set(
  "p br b strong i em u s sub sup code pre blockquote ul ol li table thead tbody tr th td caption hr a img".split(" "),
);
const VOID = new Set(["br", "hr", "img"]);
// Dropped together with everything inside them.
const DROPPED = new Set("script style template iframe object embed noscript svg math head".split(" "));

/**
 * A relative URL whose first segment holds a colon ("&javascript:") is not a valid reference
 * (RFC 3986, section 4.2: it reads as a scheme). Browsers take it as a path, but other readers
 * of the HTML may not, so only a URL with an allowed scheme may have a colon there.
 */
function colonInFirstSegment(url: string): boolean {
  return /^[^/?#]*:/.test(url) && urlScheme(url) === null;
}

function attributesFor(name: string, attrs: Map<string, string>): string {
  const kept: string[] = [];
  const url = (key: string) => {
    const value = attrs.get(key)?.trim();
    return value && isSafeUrl(value) && !colonInFirstSegment(value) ? value : null;
  };
  if (name === "a") {
    const href = url("href");
    if (href) kept.push(`href="${escapeHtml(href)}"`, 'rel="nofollow noopener noreferrer"');
  } else if (name === "img") {
    const src = url("src");
    if (!src) return "";
    kept.push(`src="${escapeHtml(src)}"`, `alt="${escapeHtml(attrs.get("alt") ?? "")}"`);
  } else if (name === "td" || name === "th") {
    for (const key of ["colspan", "rowspan"]) {
      const value = attrs.get(key);
      if (value && /^[1-9][0-9]?$/.test(value)) kept.push(`${key}="${value}"`);
    }
  }
  return kept.length > 0 ? ` ${kept.join(" ")}` : "";
}

/** Sanitized HTML: allowed tags only, balanced, text re-escaped (see the module comment). */
export function sanitizeHtml(html: string): string {
  let out = "";
  const open: string[] = [];
  // How many of each element are open, so a stray end tag is found stray without a search.
  const openCount = new Map<string, number>();
  const pop = () => {
    const name = open.pop() ?? "";
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    return name;
  };
  let dropDepth = 0;
  let dropName = "";
  for (const token of tokenizeHtml(html)) {
    if (dropDepth > 0) {
      if (token.kind === "start" && token.name === dropName && !token.selfClosing) dropDepth += 1;
      if (token.kind === "end" && token.name === dropName) dropDepth -= 1;
      continue;
    }
    if (token.kind === "text") {
      out += escapeHtml(cleanCharacters(decodeHtmlEntities(token.text)));
      continue;
    }
    if (token.kind === "start") {
      if (DROPPED.has(token.name)) {
        if (!token.selfClosing) {
          dropDepth = 1;
          dropName = token.name;
        }
        continue;
      }
      if (!ALLOWED.has(token.name)) continue;
      // A link or image without a usable URL is dropped (a link's text stays).
      if ((token.name === "img" || token.name === "a") && !attributesFor(token.name, token.attrs)) continue;
      out += `<${token.name}${attributesFor(token.name, token.attrs)}>`;
      // "<b/>" opens a b element, as in a browser (only void elements close themselves), and
      // is closed here like any other, so the fragment's formatting cannot leak past its end.
      if (!VOID.has(token.name)) {
        open.push(token.name);
        openCount.set(token.name, (openCount.get(token.name) ?? 0) + 1);
      }
      continue;
    }
    // An end tag closes its element and anything left open inside it; a stray one is ignored.
    if (!openCount.get(token.name)) continue;
    for (let name = pop(); ; name = pop()) {
      out += `</${name}>`;
      if (name === token.name) break;
    }
  }
  while (open.length > 0) out += `</${pop()}>`;
  return out;
}
