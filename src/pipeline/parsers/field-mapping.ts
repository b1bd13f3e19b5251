import { difficultyFromLabel } from "../normalize/difficulty.ts";
import { blankQuestion, lettered } from "./result-builder.ts";
import type { ParsedQuestion } from "./types.ts";

/** Which column (CSV) or field path (JSON) holds each part of a question. */
export interface FieldMapping {
  question: string;
  correct: string;
  incorrect: string | string[];
  category?: string | undefined;
  difficulty?: string | undefined;
  explanation?: string | undefined;
}

/** Reads one mapped value as a list of texts (a cell, a JSON string, number or array). */
export type FieldReader = (name: string) => string[] | undefined;

/**
 * One tabular record to a question. Rules, in order: correct+incorrect being True/False makes
 * a true/false question; no incorrect answers makes a numeric (a number) or short-answer question;
 * a correct cell of letters (`ACD`) pointing into a single list of all choices (Moodle's CSV
 * export) selects those choices; otherwise the correct answer(s) and incorrect ones are the choices.
 * Throws a message when a required value is missing.
 */
export function mapRecord(read: FieldReader, m: FieldMapping): ParsedQuestion {
  const first = (name: string | undefined): string | null => {
    if (!name) return null;
    const v = read(name)
      ?.map((s) => s.trim())
      .filter(Boolean);
    return v && v.length > 0 ? v.join(" ") : null;
  };
  const text = first(m.question);
  if (!text) throw new Error(`no question text in '${m.question}'`);
  const correct = (read(m.correct) ?? []).map((s) => s.trim()).filter(Boolean);
  if (correct.length === 0) throw new Error(`no correct answer in '${m.correct}'`);
  const incorrectNames = Array.isArray(m.incorrect) ? m.incorrect : [m.incorrect];
  const listed = incorrectNames.flatMap((name) => read(name) ?? []);
  const incorrect = listed.map((s) => s.trim()).filter(Boolean);
  const extra = {
    category: first(m.category),
    difficulty: difficultyFromLabel(first(m.difficulty)),
    explanation: first(m.explanation),
  };
  const lower = [...correct, ...incorrect].map((s) => s.toLowerCase());
  if (
    correct.length === 1 &&
    incorrect.length === 1 &&
    new Set(lower).size === 2 &&
    lower.every((s) => s === "true" || s === "false")
  ) {
    return blankQuestion({
      type: "true_false",
      text,
      choices: [],
      answer: { kind: "choices", correct: [lower[0] ?? ""] },
      ...extra,
    });
  }
  if (incorrect.length === 0) {
    const n = Number(correct[0]);
    if (correct.length === 1 && correct[0] !== "" && Number.isFinite(n)) {
      return blankQuestion({
        type: "numeric",
        text,
        choices: [],
        answer: { kind: "numeric", value: n, tolerance: 0 },
        ...extra,
      });
    }
    return blankQuestion({
      type: "short_answer",
      text,
      choices: [],
      answer: { kind: "text", accepted: correct, caseSensitive: false },
      ...extra,
    });
  }
  const picked = letterAnswer(correct, incorrect, incorrectNames.length);
  if (picked) {
    const choices = lettered(incorrect);
    const ids = picked.map((i) => choices[i]?.id ?? "");
    return blankQuestion({
      type: ids.length > 1 ? "multiple_choice" : "single_choice",
      text,
      choices,
      answer: { kind: "choices", correct: ids },
      ...extra,
    });
  }
  const all = [...correct, ...incorrect].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const choices = lettered(all);
  const ids = choices.filter((c) => correct.includes(c.text)).map((c) => c.id);
  return blankQuestion({
    type: correct.length > 1 ? "multiple_choice" : "single_choice",
    text,
    choices,
    answer: { kind: "choices", correct: ids },
    ...extra,
  });
}

/**
 * Moodle's CSV layout: one column lists every choice and the answer is letters (`ACD`).
 * Returns the picked positions, or null when the correct cell is an answer text. Choices that
 * are themselves letters are ambiguous: "C" among `A;B;D` is then the answer (a fourth
 * choice), while "AC" among `A;B;C;D` picks those choices either way.
 */
function letterAnswer(correct: string[], listed: string[], listColumns: number): number[] | null {
  const cell = correct.length === 1 ? (correct[0] ?? "") : "";
  if (!/^[A-Z]{1,26}$/.test(cell) || listColumns !== 1 || listed.length < 2) return null;
  const letters = [...new Set(cell.split(""))];
  if (listed.some((c) => /^[A-Za-z]$/.test(c))) {
    const positions = letters.map((l) => listed.indexOf(l));
    return positions.every((i) => i >= 0) ? positions : null;
  }
  if (listed.includes(cell)) return null;
  const positions = letters.map((l) => l.charCodeAt(0) - 65);
  return positions.every((i) => i < listed.length) ? positions : null;
}
