import { parse as parseCsvRecords } from "csv-parse/sync";
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
export function parseCsv(
  body: Uint8Array,
  columns: FieldMapping,
  delimiter = ",",
  limits: ParseLimits = DEFAULT_LIMITS,
): ParseResult {
  const rows = readRows(decodeBody(body), delimiter, limits.maxRecords);
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
  dataRows.forEach(({ record: row, info }, index) => {
    if (row.length !== header.length) {
      out.error(index, `row ${info.lines}: ${row.length} fields where the header has ${header.length}`);
      return;
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
  });
  return out.build();
}

/** Reads at most one record past the cap (header included), so an endless file stops early. */
function readRows(text: string, delimiter: string, maxRecords: number): CsvRow[] {
  try {
    return parseCsvRecords(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to: maxRecords + 2,
      // The library's types do not model `info: true`, which wraps each record.
    }) as unknown as CsvRow[];
  } catch (e) {
    throw new SourceFormatError("csv", e instanceof Error ? e.message : String(e));
  }
}

/** A single incorrect-answers column may hold a list: `a;b;c`, `a|b|c` or one per line. */
function splitList(cell: string): string[] {
  for (const sep of ["\n", "|", ";"]) if (cell.includes(sep)) return cell.split(sep);
  return [cell];
}
