import { readCsv } from "./csv-reader.ts";
import { SourceFormatError } from "./errors.ts";
import { type FieldMapping, mapRecord } from "./field-mapping.ts";
import { ResultBuilder } from "./result-builder.ts";
import { decodeBody } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

/**
 * A CSV file with a header row; `columns` names the header of each part of a question.
 * Header names are trimmed; columns the mapping does not name are ignored. Record indexes
 * count data rows from 0.
 */
export function parseCsv(body: Uint8Array, columns: FieldMapping, delimiter = ","): ParseResult {
  const [header, ...rows] = readCsv(decodeBody(body), delimiter);
  if (!header) throw new SourceFormatError("csv", "the file is empty");
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
  rows.forEach((row, index) => {
    if (row.every((cell) => cell.trim() === "")) return;
    const read = (name: string): string[] | undefined => {
      const cell = row[position.get(name.trim()) ?? -1];
      if (cell === undefined) return undefined;
      return incorrect.length === 1 && name === incorrect[0] ? splitList(cell) : [cell];
    };
    try {
      out.add(index, mapRecord(read, columns));
    } catch (e) {
      out.error(index, `row ${index + 2}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return out.build();
}

/** A single incorrect-answers column may hold a list: `a;b;c`, `a|b|c` or one per line. */
function splitList(cell: string): string[] {
  for (const sep of ["\n", "|", ";"]) if (cell.includes(sep)) return cell.split(sep);
  return [cell];
}
