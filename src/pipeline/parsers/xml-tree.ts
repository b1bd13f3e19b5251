import { decodeHtmlEntities as decodeEntities } from "../normalize/html-entities.ts";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTR = /\s*([A-Za-z_:][\w:.-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/=]+)))?/y;

/**
 * A small, forgiving XML reader (Workers have no DOMParser): elements, attributes, text with
 * entities decoded, CDATA kept verbatim; comments, processing instructions and DOCTYPE are
 * dropped. A stray end tag is ignored and an unclosed element ends where its parent ends, so
 * damaged files still yield what they hold. Returns a synthetic `#document` element.
 */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt < 0) {
      addText(top(), decodeEntities(text.slice(i)));
      break;
    }
    if (lt > i) addText(top(), decodeEntities(text.slice(i, lt)));
    if (text.startsWith("<!--", lt)) {
      i = skipPast(text, "-->", lt + 4);
    } else if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      addText(top(), text.slice(lt + 9, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith("<?", lt)) {
      i = skipPast(text, "?>", lt + 2);
    } else if (text.startsWith("<!", lt)) {
      i = skipPast(text, ">", lt + 2);
    } else if (text[lt + 1] === "/") {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0] ?? "";
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      i = skipPast(text, ">", lt + 2);
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) {
        addText(top(), "<");
        i = lt + 1;
        continue;
      }
      const element: XmlElement = { name, attrs: {}, children: [] };
      let j = lt + 1 + name.length;
      for (;;) {
        ATTR.lastIndex = j;
        const m = ATTR.exec(text);
        if (!m || m[0].length === 0) break;
        element.attrs[m[1] ?? ""] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
        j += m[0].length;
      }
      const close = text.indexOf(">", j);
      const end = close < 0 ? text.length : close;
      top().children.push(element);
      if (text[end - 1] !== "/") stack.push(element);
      i = end + 1;
    }
  }
  return root;
}

function skipPast(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

function addText(parent: XmlElement, text: string): void {
  if (!text) return;
  const last = parent.children[parent.children.length - 1];
  if (typeof last === "string") parent.children[parent.children.length - 1] = last + text;
  else parent.children.push(text);
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return (el?.children ?? []).filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

/** The first child element named `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(el, name)[0];
}

/** Every element named `name` at any depth, in document order. */
export function findAll(el: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (c.name === name) into.push(c);
    findAll(c, name, into);
  }
  return into;
}

/** All the text inside an element. */
export function textContent(el: XmlElement | undefined): string {
  if (!el) return "";
  return el.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}
