import { nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import { DEFAULT_LIMITS, MAX_RECORD_LINES, type ParseLimits, recordTooLong, tooManyRecords } from "./limits.ts";
import { lines } from "./lines.ts";
import { blankQuestion, ResultBuilder } from "./result-builder.ts";
import { decodeBody } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

interface Block {
  stem: string[];
  options: { letter: string; text: string }[];
  answer: string | null;
}

const OPTION = /^([A-Z])[.)](\s*)(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

/**
 * Moodle's Aiken format: stem line(s), options `A.` or `A)`, then `ANSWER: X`. Read line by
 * line: an ANSWER line ends a record and a stem line after options starts the next one, so a
 * record with a missing ANSWER is reported without losing the one after it.
 */
export async function parseAiken(body: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  const out = new ResultBuilder();
  const pace = new Pacer();
  let index = 0;
  let block: Block = emptyBlock();
  const finish = () => {
    if (block.stem.length > 0 || block.options.length > 0 || block.answer !== null) {
      if (index >= limits.maxRecords) throw tooManyRecords("aiken", limits.maxRecords);
      readBlock(block, index, out);
      index++;
      pace.count(RECORD_COST);
    }
    block = emptyBlock();
  };
  let n = 0;
  for (const raw of lines(decodeBody(body))) {
    n++;
    if (pace.due()) await nextTurn();
    const line = raw.trim();
    if (!line) continue;
    if (block.stem.length + block.options.length >= MAX_RECORD_LINES) throw recordTooLong("aiken", n);
    const answer = ANSWER.exec(line);
    if (answer) {
      block.answer = (answer[1] ?? "").trim();
      finish();
      continue;
    }
    const option = OPTION.exec(line);
    // "A)Text" without a space is an option only once a stem exists, so "A.I. is..." can start a stem.
    if (option?.[1] && (option[2] || block.stem.length > 0 || block.options.length > 0)) {
      block.options.push({ letter: option[1], text: option[3] ?? "" });
      continue;
    }
    if (block.options.length > 0) finish();
    block.stem.push(line);
  }
  finish();
  return out.build();
}

function emptyBlock(): Block {
  return { stem: [], options: [], answer: null };
}

function readBlock(block: Block, index: number, out: ResultBuilder): void {
  const title = block.stem[0];
  if (block.stem.length === 0) {
    out.error(index, "a record with options but no question text");
    return;
  }
  if (block.answer === null) {
    out.error(index, `'${title}': no ANSWER line`);
    return;
  }
  if (block.options.length < 2) {
    out.error(index, `'${title}': fewer than two options`);
    return;
  }
  const letters = block.options.map((o) => o.letter);
  if (new Set(letters).size !== letters.length) {
    out.error(index, `'${title}': an option letter repeats`);
    return;
  }
  const answer = block.answer.toUpperCase();
  if (!/^[A-Z]$/.test(answer) || !letters.includes(answer)) {
    out.error(index, `'${title}': the answer '${block.answer}' is not one of the option letters`);
    return;
  }
  const choices = block.options.map((o) => ({ id: o.letter.toLowerCase(), text: o.text }));
  out.add(
    index,
    blankQuestion({
      type: "single_choice",
      text: block.stem.join("\n"),
      choices,
      answer: { kind: "choices", correct: [answer.toLowerCase()] },
    }),
  );
}
