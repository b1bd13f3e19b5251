import type { AnswerKey, QuestionType } from "../../../schemas/question.ts";
import { lettered } from "./result-builder.ts";

/** What the answer block between `{` and `}` of a GIFT question says. */
export type GiftAnswer =
  | { kind: "question"; type: QuestionType; choices: { id: string; text: string }[]; answer: AnswerKey }
  | { kind: "skip"; reason: string };

interface Entry {
  marker: "=" | "~";
  weight: number | null;
  text: string;
}

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const CLOZE =
  /^\s*\d*\s*:\s*(MC|MCV|MCH|MCS|MCVS|MCHS|MR|MRS|MULTICHOICE\w*|MULTIRESPONSE\w*|SA|SHORTANSWER\w*|MW|NM|NUMERICAL)\s*:/i;

/**
 * Reads an answer block whose escapes are already protected (see gift.ts), with the general
 * feedback removed. `render` turns an answer's raw text (with its own format prefix) into
 * plain text.
 */
export function readGiftAnswers(body: string, render: (raw: string) => string): GiftAnswer {
  const trimmed = body.trim();
  if (!trimmed) return { kind: "skip", reason: "essay (empty answer block)" };
  if (CLOZE.test(trimmed)) return { kind: "skip", reason: "Moodle Cloze (embedded answers)" };
  if (trimmed.startsWith("#")) return readNumeric(trimmed.slice(1));
  const tf = /^(TRUE|T|FALSE|F)\s*(#|$)/i.exec(trimmed);
  if (tf?.[1]) {
    const value = tf[1].toUpperCase().startsWith("T") ? "true" : "false";
    return { kind: "question", type: "true_false", choices: [], answer: { kind: "choices", correct: [value] } };
  }
  const entries = splitEntries(trimmed);
  if (entries === null) throw new Error("text before the first answer marker (= or ~)");
  if (entries.some((e) => e.marker === "=" && e.text.includes("->"))) {
    return { kind: "skip", reason: "matching question (->)" };
  }
  if (entries.every((e) => e.marker === "=")) {
    const accepted = entries
      .filter((e) => e.weight === null || e.weight >= 100)
      .map((e) => render(e.text).replace(/^\*+|\*+$/g, ""))
      .filter(Boolean);
    if (accepted.length === 0) throw new Error("no fully correct answer");
    return {
      kind: "question",
      type: "short_answer",
      choices: [],
      answer: { kind: "text", accepted, caseSensitive: false },
    };
  }
  // Like Moodle: an `=` answer makes it single choice; without one, every positive weight is correct.
  const single = entries.some((e) => e.marker === "=");
  const weights = entries.map((e) => e.weight ?? (e.marker === "=" ? 100 : 0));
  const full = weights.map((w) => w >= 99.99);
  const correct = single && full.some(Boolean) ? full : weights.map((w) => w > 0);
  const choices = lettered(entries.map((e) => render(e.text)));
  const ids = choices.filter((_, i) => correct[i]).map((c) => c.id);
  if (ids.length === 0) throw new Error("no answer carries a positive weight");
  return {
    kind: "question",
    type: single ? "single_choice" : "multiple_choice",
    choices,
    answer: { kind: "choices", correct: ids },
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
    if (hash >= 0) text = text.slice(0, hash);
    entries.push({ marker, weight, text: text.trim() });
  }
  return entries;
}

/** `{#1822}`, `{#3.1415:0.0005}`, `{#3.141..3.142}` or several `=%w%value:tol` answers. */
function readNumeric(body: string): GiftAnswer {
  const text = body.trim();
  if (!/^[=~]/.test(text)) {
    return { kind: "question", type: "numeric", choices: [], answer: numericAnswer(stripFeedback(text)) };
  }
  const entries = splitEntries(text) ?? [];
  const candidates = entries
    .filter((e) => e.marker === "=" && e.text !== "")
    .map((e) => ({ weight: e.weight ?? 100, text: e.text }))
    .sort((a, b) => b.weight - a.weight);
  const best = candidates[0];
  if (!best || best.weight <= 0) throw new Error("no numeric answer with a positive weight");
  return { kind: "question", type: "numeric", choices: [], answer: numericAnswer(best.text) };
}

function stripFeedback(text: string): string {
  const hash = text.indexOf("#");
  return (hash >= 0 ? text.slice(0, hash) : text).trim();
}

function numericAnswer(spec: string): AnswerKey {
  const range = /^(.+?)\.\.(.+)$/.exec(spec);
  if (range) {
    const low = toNumber(range[1]);
    const high = toNumber(range[2]);
    return { kind: "numeric", value: round((low + high) / 2), tolerance: round(Math.abs(high - low) / 2) };
  }
  const colon = spec.indexOf(":");
  if (colon >= 0) {
    return {
      kind: "numeric",
      value: toNumber(spec.slice(0, colon)),
      tolerance: Math.abs(toNumber(spec.slice(colon + 1))),
    };
  }
  return { kind: "numeric", value: toNumber(spec), tolerance: 0 };
}

/** Drops binary floating-point noise: (3.141 + 3.142) / 2 is 3.1415, not 3.1414999999999997. */
function round(n: number): number {
  return Number(n.toPrecision(12));
}

function toNumber(raw: string | undefined): number {
  const s = (raw ?? "").trim();
  const n = s === "" ? Number.NaN : Number(s);
  if (!Number.isFinite(n)) throw new Error(`'${s}' is not a number`);
  return n;
}
