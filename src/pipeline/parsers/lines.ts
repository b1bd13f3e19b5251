/**
 * The lines of a text (LF, CRLF or CR), one at a time: line-based formats read a record at a
 * time and stop at the record cap without holding an array of every line of 8 MB.
 */
export function* lines(text: string): Generator<string> {
  let start = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    yield text.slice(start, m.index);
    start = m.index + m[0].length;
  }
  yield text.slice(start);
}
