/**
 * RFC 4180 records: fields optionally in double quotes, `""` for a quote inside them, line
 * breaks (LF, CRLF or CR) inside quotes kept. Tolerant of a quote in an unquoted field
 * (kept as text) and of a missing final line break. Blank lines yield no record.
 */
export function readCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRow = () => {
    const blankLine = row.length === 0 && field === "" && !fieldStarted;
    endField();
    if (!blankLine) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      field += ch;
      fieldStarted = true;
    }
    i++;
  }
  if (fieldStarted || field !== "" || row.length > 0) endRow();
  return rows;
}

/** Writes records the way `readCsv` reads them: quotes only where needed. */
export function writeCsv(rows: string[][], delimiter = ","): string {
  const needsQuotes = (f: string) => f.includes('"') || f.includes(delimiter) || /[\r\n]/.test(f) || f === "";
  return rows
    .map((r) => r.map((f) => (needsQuotes(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(delimiter))
    .join("\r\n");
}
