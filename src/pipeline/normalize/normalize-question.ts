import type { AnswerKey, Choice } from "../../../schemas/question.ts";
import type { ParsedQuestion } from "../parsers/types.ts";
import { type DraftChoice, dedupeChoices } from "./choices.ts";
import { isDifficultyLevel } from "./difficulty.ts";
import { normalizeWhitespace, singleLine } from "./whitespace.ts";

export type NormalizeResult = { ok: true; question: ParsedQuestion } | { ok: false; message: string };

/** The data model's limits (schemas/question.ts). */
const LIMITS = { text: 10_000, choice: 2000, category: 100, tag: 50, tags: 30, choices: 26 } as const;

function letter(i: number): string {
  return String.fromCharCode(97 + i);
}

/**
 * Makes a parsed question fit the data model: whitespace normalized, empty and duplicate
 * choices dropped, ids re-lettered "a", "b"... ("true"/"false" kept for true/false), and an
 * answer that still points at existing choices. Anything that cannot be repaired without
 * changing what the question asks is an error.
 */
export function normalizeQuestion(q: ParsedQuestion): NormalizeResult {
  const text = normalizeWhitespace(q.text);
  if (!text) return fail("the question has no text");
  if (text.length > LIMITS.text) return fail(`the question text is longer than ${LIMITS.text} characters`);
  const base = {
    text,
    explanation: normalizeWhitespace(q.explanation ?? "").slice(0, LIMITS.text) || null,
    category: singleLine(q.category ?? "").slice(0, LIMITS.category) || null,
    tags: [...new Set(q.tags.map((t) => singleLine(t).slice(0, LIMITS.tag)).filter(Boolean))].slice(0, LIMITS.tags),
    difficulty: isDifficultyLevel(q.difficulty) ? q.difficulty : null,
    media: q.media,
    explanationMedia: q.explanationMedia,
    sourceRef: q.sourceRef === null ? null : singleLine(q.sourceRef) || null,
  };
  const answer = q.answer;
  switch (q.type) {
    case "short_answer": {
      if (answer.kind !== "text") return fail("a short-answer question needs a text answer");
      const accepted = [...new Set(answer.accepted.map(singleLine).filter(Boolean))];
      if (accepted.length === 0) return fail("no accepted answer");
      return ok({ ...base, type: q.type, choices: [], answer: { ...answer, accepted } });
    }
    case "numeric": {
      if (answer.kind !== "numeric") return fail("a numeric question needs a numeric answer");
      if (!Number.isFinite(answer.value)) return fail("the numeric answer is not a number");
      const tolerance = Math.abs(answer.tolerance);
      if (!Number.isFinite(tolerance)) return fail("the tolerance is not a number");
      return ok({ ...base, type: q.type, choices: [], answer: { kind: "numeric", value: answer.value, tolerance } });
    }
    case "true_false":
      return normalizeTrueFalse(q, base);
    default:
      return normalizeChoices(q, base);
  }
}

type Base = Omit<ParsedQuestion, "type" | "choices" | "answer">;

function normalizeTrueFalse(q: ParsedQuestion, base: Base): NormalizeResult {
  if (q.answer.kind !== "choices") return fail("a true/false question needs a choice answer");
  const correct = [...new Set(q.answer.correct.map((id) => id.trim().toLowerCase()))];
  if (correct.length !== 1 || (correct[0] !== "true" && correct[0] !== "false")) {
    return fail("a true/false answer must be exactly one of 'true' and 'false'");
  }
  const choices: Choice[] = [
    { id: "true", text: "True" },
    { id: "false", text: "False" },
  ];
  return ok({ ...base, type: "true_false", choices, answer: { kind: "choices", correct } });
}

function normalizeChoices(q: ParsedQuestion, base: Base): NormalizeResult {
  if (q.answer.kind !== "choices") return fail(`a ${q.type} question needs a choice answer`);
  const correctIds = new Set(q.answer.correct);
  for (const id of correctIds) {
    if (!q.choices.some((c) => c.id === id)) return fail(`the answer '${id}' is not one of the choices`);
  }
  const drafts: DraftChoice[] = [];
  for (const c of q.choices) {
    const text = normalizeWhitespace(c.text);
    if (!text) {
      if (correctIds.has(c.id)) return fail("a correct choice is empty");
      continue;
    }
    if (text.length > LIMITS.choice) return fail(`a choice is longer than ${LIMITS.choice} characters`);
    drafts.push({ text, correct: correctIds.has(c.id) });
  }
  const { choices: kept, conflict } = dedupeChoices(drafts);
  if (conflict) return fail(conflict);
  if (kept.length < 2) return fail("fewer than two distinct choices");
  if (kept.length > LIMITS.choices) return fail(`more than ${LIMITS.choices} choices`);
  const choices = kept.map((c, i) => ({ id: letter(i), text: c.text }));
  const correct = choices.filter((_, i) => kept[i]?.correct).map((c) => c.id);
  if (correct.length === 0) return fail("no correct choice");
  // Two right answers to a pick-one question cannot become "pick both" without changing it.
  if (q.type === "single_choice" && correct.length > 1) {
    return fail(`a single-choice question with ${correct.length} correct choices`);
  }
  const answer: AnswerKey = { kind: "choices", correct };
  return ok({ ...base, type: q.type, choices, answer });
}

function ok(question: ParsedQuestion): NormalizeResult {
  return { ok: true, question };
}

function fail(message: string): NormalizeResult {
  return { ok: false, message };
}
