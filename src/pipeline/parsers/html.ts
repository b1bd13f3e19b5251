import { decodeHtmlEntities } from "../normalize/html-entities.ts";
import { singleLine } from "../normalize/whitespace.ts";
import { nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import type { SourceFormatError } from "./errors.ts";
import { type FieldMapping, mapRecord } from "./field-mapping.ts";
import {
  DEFAULT_LIMITS,
  MAX_DEPTH,
  MAX_ELEMENTS,
  type ParseLimits,
  tooDeep,
  tooManyElements,
  tooManyRecords,
} from "./limits.ts";
import { ResultBuilder } from "./result-builder.ts";
import type { ParseResult } from "./types.ts";

/** CSS selectors of a quiz page: one per question item, the others inside an item. */
export interface HtmlSelectors {
  item: string;
  question: string;
  correct: string;
  incorrect: string;
  category?: string | undefined;
}

type Part = "question" | "correct" | "incorrect" | "category";

interface Item {
  parts: Record<Part, string[]>;
}

function appendTo(item: Item | null, part: Part, text: string): void {
  const values = item?.parts[part];
  if (values && values.length > 0) values[values.length - 1] += text;
}

/** About 20 ms of handler calls on a page dense with items (0.18 ms per item in workerd). */
const CHUNK_BYTES = 4 * 1024;

/**
 * The body as a stream of 4 KB chunks that ends early once `stop()` says so: the rewriter
 * calls back for every element, which costs more than anything else here, so an 8 MB page of
 * items is cut off at the limit instead of being read to its end. Each chunk waits for a turn
 * of the event loop, so requests are served between chunks (see cooperative.ts).
 */
function feed(body: Uint8Array, stop: () => boolean): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset > 0) await nextTurn();
      if (stop() || offset >= body.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(body.slice(offset, offset + CHUNK_BYTES));
      offset += CHUNK_BYTES;
    },
  });
}

/** `a, b` inside `item` means `item a, item b`. */
function within(item: string, selector: string): string {
  const items = item.split(",").map((s) => s.trim());
  return selector
    .split(",")
    .flatMap((s) => items.map((i) => `${i} ${s.trim()}`))
    .join(", ");
}

/**
 * Reads question items from an HTML page with the streaming `HTMLRewriter` of workerd. Each
 * element matched by a part's selector inside an item is one value (several incorrect
 * elements are several answers); its text is collected with entities decoded. Items missing
 * the question or the correct answer are per-record errors.
 */
export async function parseHtml(
  body: Uint8Array,
  selectors: HtmlSelectors,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<ParseResult> {
  const items: Item[] = [];
  let current: Item | null = null;
  let depth = 0;
  let values = 0;
  // HTMLRewriter streams in linear time; what the handlers keep is bounded here. Past a
  // limit they keep nothing more, the body stops being fed (see feed) and the document is
  // refused (a throw inside a handler would surface as an uncaught exception of the isolate).
  let refused: SourceFormatError | null = null;
  const rewriter = new HTMLRewriter().on(selectors.item, {
    element(el) {
      depth++;
      if (depth > MAX_DEPTH) refused ??= tooDeep("html");
      if (depth === 1 && !refused) {
        if (items.length >= limits.maxRecords) refused = tooManyRecords("html", limits.maxRecords);
        else {
          current = { parts: { question: [], correct: [], incorrect: [], category: [] } };
          items.push(current);
        }
      }
      el.onEndTag(() => {
        depth--;
        if (depth === 0) current = null;
      });
    },
  });
  const parts: [Part, string | undefined][] = [
    ["question", selectors.question],
    ["correct", selectors.correct],
    ["incorrect", selectors.incorrect],
    ["category", selectors.category],
  ];
  // Text inside scripts and styles is not text a reader sees; a <br> separates words.
  let opaque = 0;
  const open = new Set<Part>();
  rewriter.on("script, style, template, noscript", {
    element(el) {
      opaque++;
      el.onEndTag(() => {
        opaque--;
      });
    },
  });
  rewriter.on(within(selectors.item, "br"), {
    element() {
      for (const part of open) appendTo(current, part, " ");
    },
  });
  for (const [part, selector] of parts) {
    if (!selector) continue;
    rewriter.on(within(selectors.item, selector), {
      element(el) {
        if (!current || refused) return;
        if (++values > MAX_ELEMENTS) refused = tooManyElements("html");
        current.parts[part].push("");
        open.add(part);
        el.onEndTag(() => {
          open.delete(part);
        });
      },
      text(chunk) {
        if (opaque === 0 && !refused) appendTo(current, part, chunk.text);
      },
    });
  }
  await rewriter.transform(new Response(feed(body, () => refused !== null))).arrayBuffer();
  if (refused) throw refused;

  const mapping: FieldMapping = {
    question: "question",
    correct: "correct",
    incorrect: "incorrect",
    category: selectors.category ? "category" : undefined,
  };
  const out = new ResultBuilder();
  const pace = new Pacer();
  for (const [index, item] of items.entries()) {
    if (pace.due(RECORD_COST)) await nextTurn();
    const read = (name: string) => item.parts[name as Part]?.map((v) => singleLine(decodeHtmlEntities(v)));
    try {
      out.add(index, mapRecord(read, mapping));
    } catch (e) {
      out.error(index, `item ${index + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out.build();
}
