/**
 * Static drawing elements only: no script, no foreign HTML, no animation (SMIL can rewrite
 * an href into `javascript:`), no external resources.
 */
const ALLOWED_ELEMENTS = new Set(
  [
    "svg",
    "g",
    "defs",
    "desc",
    "title",
    "metadata",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textpath",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "pattern",
    "marker",
    "filter",
    "feblend",
    "fecolormatrix",
    "fecomposite",
    "fedropshadow",
    "feflood",
    "fegaussianblur",
    "femerge",
    "femergenode",
    "femorphology",
    "feoffset",
  ].map((n) => n.toLowerCase()),
);

const TAG = /<\s*([A-Za-z][\w:.-]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s=/"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

/**
 * Why an SVG cannot be served, or null when it is a static drawing. SVG is a document that
 * can run script when opened directly, so anything that could is refused rather than
 * rewritten: event handler attributes, links other than same-document `#fragments`,
 * `javascript:`/`data:` values, character references in values (which could hide either),
 * CSS `url()` to anything but a fragment, DOCTYPE/ENTITY declarations, CDATA and processing
 * instructions after the XML declaration.
 */
export function svgPolicyViolation(svg: string): string | null {
  const body = svg.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, "");
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return "DOCTYPE and ENTITY declarations are not allowed";
  if (/<!\[CDATA\[/i.test(body)) return "CDATA sections are not allowed";
  if (/<\?/.test(body)) return "processing instructions are not allowed";
  const withoutComments = body.replace(/<!--[\s\S]*?-->/g, "");
  for (const [, rawName, rawAttributes] of withoutComments.matchAll(TAG)) {
    const name = (rawName ?? "").toLowerCase();
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (!ALLOWED_ELEMENTS.has(local)) return `the <${rawName}> element is not allowed`;
    for (const [, rawAttr, rawValue] of (rawAttributes ?? "").matchAll(ATTRIBUTE)) {
      const attr = (rawAttr ?? "").toLowerCase();
      const value = (rawValue ?? "").replace(/^["']|["']$/g, "");
      const compact = value.replace(/\s+/g, "").toLowerCase();
      if (attr.startsWith("on")) return `event handler attributes (${rawAttr}) are not allowed`;
      if (/&#|&[a-z]+;/i.test(value) && /href|style/.test(attr)) return `character references in ${rawAttr}`;
      if (/(javascript|vbscript|data):/.test(compact)) return `script or data URLs are not allowed (${rawAttr})`;
      if ((attr === "href" || attr.endsWith(":href")) && !value.trim().startsWith("#")) {
        return "links must point inside the document (#id)";
      }
      if (/url\((?!['"]?#)/.test(compact)) return `url() may only reference #fragments (${rawAttr})`;
    }
  }
  return null;
}
