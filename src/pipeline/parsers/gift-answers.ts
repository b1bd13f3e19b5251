import type { AnswerKey, QuestionType } from "../../../schemas/question.ts";
import { parseNumericSpec } from "./numeric-answer.ts";
import { lettered } from "./result-builder.ts";

/**
 * What the answer block between `{` and `}` of a GIFT question says. `feedback` is what the
 * source tells a learner who answered right (the correct answers' `#feedback`; for true/false
 * the second feedback, else the first): the fallback explanation when there is no `####`.
 */
export type GiftAnswer =
  | {
      kind: "question";
      type: QuestionType;
      choices: { id: string; text: string }[];
      answer: AnswerKey;
      feedback: string | null;
    }
  | { kind: "skip"; reason: string };

interface Entry {
  marker: "=" | "~";
  weight: number | null;
  text: string;
  feedback: string;
}

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const CLOZE =
  /^\s*\d*\s*:\s*(MC|MCV|MCH|MCS|MCVS|MCHS|MR|MRS|MULTICHOICE\w*|MULTIRESPONSE\w*|SA|SHORTANSWER\w*|MW|NM|NUMERICAL)\s*:/i;
const FULL_CREDIT = 99.99;

/**
 * Reads an answer block whose escapes are already protected (see gift.ts), with the general
 * feedback removed. `render` turns an answer's raw text (with its own format prefix) into
 * plain text.
 */
export function readGiftAnswers(body: string, render: (raw: string) => string): GiftAnswer {
  const trimmed = body.trim();
  if (!trimmed) return { kind: "skip", reason: "essay (empty answer block)" };
  if (CLOZE.test(trimmed)) return { kind: "skip", reason: "Moodle Cloze (embedded answers)" };
  if (trimmed.startsWith("#")) return readNumeric(trimmed.slice(1), render);
  const tf = /^(TRUE|T|FALSE|F)\s*(#|$)/i.exec(trimmed);
  if (tf?.[1]) {
    const value = tf[1].toUpperCase().startsWith("T") ? "true" : "false";
    // `{T#shown when wrong#shown when right}`, as Moodle reads it.
    const [, wrong, right] = trimmed.split("#").map((f) => render(f));
    return {
      kind: "question",
      type: "true_false",
      choices: [],
      answer: { kind: "choices", correct: [value] },
      feedback: right || wrong || null,
    };
  }
  const entries = splitEntries(trimmed);
  if (entries === null) throw new Error("text before the first answer marker (= or ~)");
  if (entries.some((e) => e.marker === "=" && e.text.includes("->"))) {
    return { kind: "skip", reason: "matching question (->)" };
  }
  if (entries.every((e) => e.marker === "=")) return readShortAnswer(entries, render);
  // Like Moodle: an `=` answer makes it single choice; without one, every positive weight is correct.
  const single = entries.some((e) => e.marker === "=");
  const weights = entries.map((e) => e.weight ?? (e.marker === "=" ? 100 : 0));
  const full = weights.map((w) => w >= FULL_CREDIT);
  if (single && full.filter(Boolean).length > 1) {
    return { kind: "skip", reason: "single choice with several fully correct answers (the data model holds one)" };
  }
  const correct = single && full.some(Boolean) ? full : weights.map((w) => w > 0);
  const choices = lettered(entries.map((e) => render(e.text)));
  const ids = choices.filter((_, i) => correct[i]).map((c) => c.id);
  if (ids.length === 0) throw new Error("no answer carries a positive weight");
  return {
    kind: "question",
    type: single ? "single_choice" : "multiple_choice",
    choices,
    answer: { kind: "choices", correct: ids },
    feedback: feedbackOf(
      entries.filter((_, i) => correct[i]),
      render,
    ),
  };
}

function readShortAnswer(entries: Entry[], render: (raw: string) => string): GiftAnswer {
  // Moodle wildcards: a lone `*` accepts anything (a catch-all for feedback, never the key);
  // `*word*` is kept as `word`, the answer the author expects.
  const full = entries.filter((e) => (e.weight ?? 100) >= FULL_CREDIT);
  const accepted = full.map((e) => render(e.text).replace(/^\*+|\*+$/g, "")).filter(Boolean);
  if (accepted.length === 0) throw new Error("no fully correct answer");
  return {
    kind: "question",
    type: "short_answer",
    choices: [],
    answer: { kind: "text", accepted, caseSensitive: false },
    feedback: feedbackOf(full.slice(0, 1), render),
  };
}

/** Splits `~a#fb =b ~%50%c` into entries; null when text precedes the first marker. */
function splitEntries(body: string): Entry[] | null {
  const parts = body.split(/([~=])/);
  if ((parts[0] ?? "").trim() !== "") return null;
  const entries: Entry[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    let marker = parts[i] as "=" | "~";
    let raw = parts[i + 1] ?? "";
    // "~=" (and "~ =") as written by some course banks means a correct answer.
    if (marker === "~" && raw.trim() === "" && parts[i + 2] === "=") {
      marker = "=";
      i += 2;
      raw = parts[i + 1] ?? "";
    }
    let text = raw.trim();
    let weight: number | null = null;
    const w = WEIGHT.exec(text);
    if (w?.[1]) {
      weight = Number(w[1]);
      text = text.slice(w[0].length);
    }
    const hash = text.indexOf("#");
    const feedback = hash >= 0 ? text.slice(hash + 1) : "";
    if (hash >= 0) text = text.slice(0, hash);
    entries.push({ marker, weight, text: text.trim(), feedback });
  }
  return entries;
}

function feedbackOf(entries: Entry[], render: (raw: string) => string): string | null {
  const texts = [...new Set(entries.map((e) => render(e.feedback)).filter(Boolean))];
  return texts.length > 0 ? texts.join("\n") : null;
}

/** `{#1822}`, `{#3.1415:0.0005}`, `{#3.141..3.142}` or several `=%w%value:tol#feedback` answers. */
function readNumeric(body: string, render: (raw: string) => string): GiftAnswer {
  const text = body.trim();
  if (!/^[=~]/.test(text)) {
    const hash = text.indexOf("#");
    const spec = hash >= 0 ? text.slice(0, hash) : text;
    const feedback = hash >= 0 ? render(text.slice(hash + 1)) || null : null;
    return { kind: "question", type: "numeric", choices: [], answer: parseNumericSpec(spec), feedback };
  }
  // `~` entries are catch-alls ("any other answer") that only carry feedback.
  const graded = (splitEntries(text) ?? []).filter((e) => e.marker === "=" && e.text !== "");
  const full = graded.filter((e) => (e.weight ?? 100) >= FULL_CREDIT);
  const keys = new Map(full.map((e) => [JSON.stringify(parseNumericSpec(e.text)), e]));
  if (keys.size > 1) {
    return { kind: "skip", reason: "numeric question with several correct values (the data model holds one)" };
  }
  const best = full[0];
  if (!best) throw new Error("no numeric answer with full credit");
  return {
    kind: "question",
    type: "numeric",
    choices: [],
    answer: parseNumericSpec(best.text),
    feedback: feedbackOf([best], render),
  };
}
