import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { parseAiken } from "./aiken.ts";
import { parseCsv } from "./csv.ts";
import { parseGift } from "./gift.ts";
import { parseHtml } from "./html.ts";
import { parseJson } from "./json.ts";
import { DEFAULT_MAX_RECORDS, type ParseLimits } from "./limits.ts";
import { parseMoodleXml } from "./moodle-xml.ts";
import { parseOpenTdb } from "./opentdb.ts";
import type { ParseResult } from "./types.ts";

/**
 * Imports one fetched source document. Malformed records are reported in `errors` and
 * records the data model cannot hold in `skipped`; neither stops the rest. Throws
 * `SourceFormatError` when the whole document is unusable and `SourceRetryableError`
 * when the source asks to be retried later. Questions without a category of their own get
 * the source's default category.
 */
export async function parseSource(source: ScraperSource, body: Uint8Array | string): Promise<ParseResult> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const result = await parseByFormat(source, bytes);
  if (source.category) {
    for (const q of result.questions) q.category ??= source.category;
  }
  return result;
}

async function parseByFormat(source: ScraperSource, body: Uint8Array): Promise<ParseResult> {
  const limits: ParseLimits = { maxRecords: source.maxRecords ?? DEFAULT_MAX_RECORDS };
  switch (source.format) {
    case "opentdb":
      return parseOpenTdb(body, source.encoding, limits);
    case "gift":
      return parseGift(body, limits);
    case "aiken":
      return parseAiken(body, limits);
    case "csv":
      return parseCsv(body, source.columns, source.delimiter, limits);
    case "json":
      return parseJson(body, source.fields, source.path, limits);
    case "moodle-xml":
      return parseMoodleXml(body, limits);
    case "html":
      return parseHtml(body, source.selectors, limits);
  }
}
