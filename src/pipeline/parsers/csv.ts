import { parse as csvParser } from "csv-parse";
import { CHARS_PER_UNIT, nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import { SourceFormatError } from "./errors.ts";
import { type FieldMapping, mapRecord } from "./field-mapping.ts";
import { DEFAULT_LIMITS, type ParseLimits, tooManyRecords } from "./limits.ts";
import { ResultBuilder } from "./result-builder.ts";
import { decodeBody } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

/** One CSV record with the line it starts on, as csv-parse reports it. */
interface CsvRow {
  record: string[];
  info: { lines: number };
}

/**
 * A CSV file with a header row (RFC 4180, read by csv-parse); `columns` names the header of
 * each part of a question. Header names are trimmed; columns the mapping does not name are
 * ignored. A row whose field count differs from the header's fails with its line number: its
 * fields cannot be trusted to be in their columns. Record indexes count data rows from 0.
 */
export async function parseCsv(
  body: Uint8Array,
  columns: FieldMapping,
  delimiter = ",",
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<ParseResult> {
  const rows = await readRows(decodeBody(body), delimiter, limits.maxRecords);
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw new SourceFormatError("csv", "the file is empty");
  if (dataRows.length > limits.maxRecords) throw tooManyRecords("csv", limits.maxRecords);
  const header = headerRow.record;
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (key && !position.has(key)) position.set(key, i);
  });
  const incorrect = Array.isArray(columns.incorrect) ? columns.incorrect : [columns.incorrect];
  const required = [columns.question, columns.correct, ...incorrect];
  const optional = [columns.category, columns.difficulty, columns.explanation].filter((c): c is string => !!c);
  const missing = [...required, ...optional].filter((c) => !position.has(c.trim()));
  if (missing.length > 0) {
    throw new SourceFormatError("csv", `the header has no column ${missing.map((c) => `'${c}'`).join(", ")}`);
  }
  const out = new ResultBuilder();
  const pace = new Pacer();
  for (const [index, { record: row, info }] of dataRows.entries()) {
    if (pace.due(RECORD_COST)) await nextTurn();
    if (row.length !== header.length) {
      out.error(index, `row ${info.lines}: ${row.length} fields where the header has ${header.length}`);
      continue;
    }
    const read = (name: string): string[] | undefined => {
      const cell = row[position.get(name.trim()) ?? -1];
      if (cell === undefined) return undefined;
      return incorrect.length === 1 && name === incorrect[0] ? splitList(cell) : [cell];
    };
    try {
      out.add(index, mapRecord(read, columns));
    } catch (e) {
      out.error(index, `row ${info.lines}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out.build();
}

/** Small, because a row csv-parse finds ragged costs it ~150 µs (it builds an error for it). */
const CSV_CHUNK = 1024;

/**
 * Reads at most one record past the cap (header included). csv-parse's synchronous reader
 * scans the whole text even past its `to` option (2 s for 8 MB of `a\n`), so its streaming
 * parser is fed a chunk at a time, with turns of the event loop as the work adds up, and
 * feeding stops once it has ended at the cap.
 */
async function readRows(text: string, delimiter: string, maxRecords: number): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  const parser = csvParser({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    to: maxRecords + 2,
  });
  let failure: unknown = null;
  parser.on("error", (e) => {
    failure ??= e;
  });
  // The library's types do not model `info: true`, which wraps each record.
  const take = (row: unknown) => rows.push(row as CsvRow);
  const pace = new Pacer();
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length && !parser.writableEnded && failure === null; at += CSV_CHUNK) {
    parser.write(bytes.subarray(at, at + CSV_CHUNK));
    const before = rows.length;
    for (let row = parser.read(); row !== null; row = parser.read()) take(row);
    if (pace.due(CSV_CHUNK / CHARS_PER_UNIT + (rows.length - before) * RECORD_COST)) await nextTurn();
  }
  if (failure === null) {
    // Past the cap the parser has ended itself, and may have emitted its end already.
    const ended = new Promise<void>((resolve) => {
      if (parser.readableEnded) resolve();
      parser.on("end", resolve).on("error", () => resolve());
    });
    parser.on("data", take);
    if (!parser.writableEnded) parser.end();
    await ended;
  }
  if (failure !== null) {
    throw new SourceFormatError("csv", failure instanceof Error ? failure.message : String(failure));
  }
  return rows;
}

/** A single incorrect-answers column may hold a list: `a;b;c`, `a|b|c` or one per line. */
function splitList(cell: string): string[] {
  for (const sep of ["\n", "|", ";"]) if (cell.includes(sep)) return cell.split(sep);
  return [cell];
}
