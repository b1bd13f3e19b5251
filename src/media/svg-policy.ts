import { SaxesParser } from "saxes";

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

/** Thrown from a parser callback to stop at the first violation. */
class Refused extends Error {}

/**
 * Why an SVG cannot be served, or null when it is a static drawing. SVG is a document that
 * can run script when opened directly, so anything that could is refused rather than
 * rewritten: event handler attributes, links other than same-document `#fragments`,
 * `javascript:`/`data:` values, CSS `url()` to anything but a fragment, DOCTYPE/ENTITY
 * declarations, CDATA and processing instructions. The document is read by an XML parser
 * (saxes, linear time), so attributes are tokenised with their quotes and values are checked
 * with their character references decoded, as the browser will read them; a document that is
 * not well-formed XML is refused (a browser would not render it either).
 */
export function svgPolicyViolation(svg: string): string | null {
  const parser = new SaxesParser();
  const refuse = (reason: string): never => {
    throw new Refused(reason);
  };
  parser.on("doctype", () => refuse("DOCTYPE and ENTITY declarations are not allowed"));
  parser.on("cdata", () => refuse("CDATA sections are not allowed"));
  parser.on("processinginstruction", () => refuse("processing instructions are not allowed"));
  parser.on("opentag", (tag) => {
    const name = tag.name.toLowerCase();
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (!ALLOWED_ELEMENTS.has(local)) refuse(`the <${tag.name}> element is not allowed`);
    for (const [rawAttr, rawValue] of Object.entries(tag.attributes)) {
      const reason = attributeViolation(rawAttr, String(rawValue));
      if (reason) refuse(reason);
    }
  });
  try {
    parser.write(svg.replace(/^\uFEFF/, "")).close();
  } catch (error) {
    if (error instanceof Refused) return error.message;
    return `not well-formed XML (${error instanceof Error ? error.message : String(error)})`;
  }
  return null;
}

function attributeViolation(rawAttr: string, value: string): string | null {
  const attr = rawAttr.toLowerCase();
  const compact = value.replace(/\s+/g, "").toLowerCase();
  if (attr.startsWith("on")) return `event handler attributes (${rawAttr}) are not allowed`;
  if (/(javascript|vbscript|data):/.test(compact)) return `script or data URLs are not allowed (${rawAttr})`;
  if ((attr === "href" || attr.endsWith(":href")) && !value.trim().startsWith("#")) {
    return "links must point inside the document (#id)";
  }
  if (/url\((?!['"]?#)/.test(compact)) return `url() may only reference #fragments (${rawAttr})`;
  return null;
}
