import { SaxesParser } from "saxes";
import { NAMED_ENTITIES } from "../normalize/html-entities.ts";
import { nextTurn, Pacer, RECORD_COST, SCAN_CHUNK } from "./cooperative.ts";
import { MAX_DEPTH, MAX_ELEMENTS } from "./limits.ts";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Why a document cannot be read: not well-formed, or past a limit. */
export class XmlReadError extends Error {
  override readonly name = "XmlReadError";
}

export interface RecordStream {
  /** The element whose children are the records (`quiz`), at any depth; the first one counts. */
  container: string;
  /** Called with each child element of the container, as a tree, once it is closed. */
  onRecord(record: XmlElement): void;
}

/**
 * Streams an XML document through saxes (a conforming, linear-time parser) and builds a tree
 * only for one record at a time, so memory follows the largest record, not the document.
 * Elements and nesting depth are capped. A document that is not well-formed is refused: a
 * forgiving reader has to guess where an element ends, and a wrong guess hangs answers on the
 * wrong question. The text is fed in chunks and the records of each chunk handed on between
 * turns of the event loop (see cooperative.ts). Returns whether the container was found.
 */
export async function streamXmlRecords(text: string, stream: RecordStream): Promise<boolean> {
  const parser = new SaxesParser({ position: true });
  Object.assign(parser.ENTITIES, NAMED_ENTITIES);
  let depth = 0;
  let elements = 0;
  let containerDepth = -1;
  let containerClosed = false;
  const open: XmlElement[] = [];
  /** Records closed in the current chunk, handed on after it. */
  let closed: XmlElement[] = [];
  parser.on("opentag", (tag) => {
    depth++;
    elements++;
    if (elements > MAX_ELEMENTS) throw new XmlReadError(`more than ${MAX_ELEMENTS} elements`);
    if (depth > MAX_DEPTH) throw new XmlReadError(`nested deeper than ${MAX_DEPTH} levels`);
    if (containerDepth < 0) {
      if (tag.name === stream.container) containerDepth = depth;
      return;
    }
    if (open.length === 0 && (containerClosed || depth !== containerDepth + 1)) return;
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[name] = String(value);
    const element: XmlElement = { name: tag.name, attrs, children: [] };
    open[open.length - 1]?.children.push(element);
    open.push(element);
  });
  parser.on("closetag", () => {
    depth--;
    if (depth < containerDepth) containerClosed = true;
    const element = open.pop();
    if (element && open.length === 0) closed.push(element);
  });
  const addText = (text: string) => {
    const parent = open[open.length - 1];
    if (!parent || !text) return;
    const last = parent.children.length - 1;
    if (typeof parent.children[last] === "string") parent.children[last] += text;
    else parent.children.push(text);
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  const pace = new Pacer();
  const handOn = async () => {
    const records = closed;
    closed = [];
    for (const record of records) {
      stream.onRecord(record);
      if (pace.due(RECORD_COST)) await nextTurn();
    }
  };
  try {
    for (let at = 0; at < text.length; at += SCAN_CHUNK) {
      parser.write(text.slice(at, at + SCAN_CHUNK));
      await handOn();
      if (at + SCAN_CHUNK < text.length) await nextTurn();
    }
    parser.close();
    await handOn();
  } catch (error) {
    // saxes reports with plain Errors; ours and the callback's are of their own classes.
    if (!(error instanceof Error) || error.constructor !== Error) throw error;
    throw new XmlReadError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return containerDepth >= 0;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return (el?.children ?? []).filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

/** The first child element named `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(el, name)[0];
}

/** Every element named `name` at any depth, in document order (depth is capped on reading). */
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
