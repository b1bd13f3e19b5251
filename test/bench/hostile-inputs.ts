/**
 * Inputs that made the importers' own code quadratic or unbounded (issue 9), generated at a
 * given size so benchmarks can time an input against its double and tests can feed a hostile
 * source of each format. Nothing here is stored on disk.
 */
import type { ScraperSource } from "../../schemas/scraper-source.ts";

export interface HostileCase {
  name: string;
  /** A source format, or "svg" (the media SVG policy), or "html-text" (the HTML-to-text renderer of question text). */
  format: "moodle-xml" | "gift" | "aiken" | "csv" | "json" | "html" | "opentdb" | "svg" | "html-text";
  /** An input of about `bytes` bytes. */
  make(bytes: number): string;
}

const repeat = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** The table, each case at any size. */
export const LINEARITY_CASES: HostileCase[] = [
  {
    name: "unbalanced XML tags (<a>x</b>…)",
    format: "moodle-xml",
    make: (n) => `<quiz>${repeat("<a>x</b>", n)}</quiz>`,
  },
  { name: "a GIFT line of spaces", format: "gift", make: (n) => `::t:: Q${" ".repeat(n)}x {=a ~b}` },
  { name: "<title></title> in HTML", format: "html-text", make: (n) => repeat("<title></title>", n) },
  { name: "an SVG with an unclosed tag", format: "svg", make: (n) => `<svg>${repeat("<rect ", n)}` },
];

/** Well-formed documents of many records: the parsers' ordinary work, at any size. */
export const LINEAR_WORK_CASES: HostileCase[] = [
  {
    name: "Moodle XML of many questions",
    format: "moodle-xml",
    make: (n) =>
      `<quiz>${repeat('<question type="shortanswer"><questiontext format="html"><text><![CDATA[<p>Q <b>x</b>?</p>]]></text></questiontext><answer fraction="100"><text>a</text></answer></question>', n)}</quiz>`,
  },
  { name: "GIFT of many questions", format: "gift", make: (n) => repeat("::T:: Which one? {=a ~b ~c}\n\n", n) },
  {
    name: "CSV of many rows",
    format: "csv",
    make: (n) => `question,correct,incorrect
${repeat('"Which, one?",a,b\n', n)}`,
  },
  {
    name: "HTML page of many items",
    format: "html",
    make: (n) => repeat("<li><b>Which one?</b><i>a</i><s>b</s></li>", n),
  },
];

/** An 8 MB-class hostile document per format: what a source may serve at the fetch cap. */
export const HOSTILE_SOURCES: (HostileCase & { format: ScraperSource["format"] })[] = [
  { name: "unbalanced XML", format: "moodle-xml", make: (n) => `<quiz>${repeat("<a>x</b>", n)}</quiz>` },
  { name: "deeply nested XML", format: "moodle-xml", make: (n) => `<quiz>${repeat("<q>", n)}` },
  { name: "GIFT of one-line questions", format: "gift", make: (n) => repeat("Q{=a ~b}\n\n", n) },
  { name: "GIFT line of spaces", format: "gift", make: (n) => `Q${" ".repeat(n)}{=a ~b}` },
  { name: "Aiken blank options", format: "aiken", make: (n) => repeat("Q\nA. x\nB. y\nANSWER: A\n", n) },
  { name: "CSV of a\\n", format: "csv", make: (n) => `question,correct,incorrect\n${repeat("a\n", n)}` },
  { name: "JSON of empty arrays", format: "json", make: (n) => `[${repeat("[],", n)}[]]` },
  { name: "deeply nested JSON", format: "json", make: (n) => repeat("[", n) },
  { name: "OpenTDB of many results", format: "opentdb", make: (n) => `{"results":[${repeat("{},", n)}{}]}` },
  { name: "HTML of many items", format: "html", make: (n) => repeat("<li class=q><b>Q</b><i>a</i></li>", n) },
];
