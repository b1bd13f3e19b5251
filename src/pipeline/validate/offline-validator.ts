import type { AnswerKey, Choice, QuestionType } from "../../../schemas/question.ts";
import type { ValidationVerdict } from "../../../schemas/validation.ts";
import { bloomFromWording, difficultyForBloom } from "./bloom-from-wording.ts";

export interface ValidatableQuestion {
  type: QuestionType;
  text: string;
  choices: Choice[];
  answer: AnswerKey;
  explanation: string | null;
  difficulty: number | null;
}

/** Issues that make the answer key unusable cap the score low; the others cost `weight` each. */
interface Findings {
  keyProblems: string[];
  minor: { issue: string; weight: number }[];
}

const PLACEHOLDER = /<\s*insert\b|lorem ipsum|\bTODO\b|\?\?\?|\bplaceholder\b/i;
const CATCH_ALL = /^(all|none) of the above\.?$/i;

function checkChoices(q: ValidatableQuestion, findings: Findings): void {
  const { keyProblems, minor } = findings;
  if (q.answer.kind !== "choices") {
    keyProblems.push(`a ${q.type} question needs a choices answer key, not ${q.answer.kind}`);
    return;
  }
  if (q.choices.length < 2) keyProblems.push("fewer than two choices");
  const ids = new Set(q.choices.map((c) => c.id));
  const unknown = q.answer.correct.filter((id) => !ids.has(id));
  if (unknown.length > 0) keyProblems.push(`the key names choices that do not exist: ${unknown.join(", ")}`);
  const texts = q.choices.map((c) => c.text.trim().toLowerCase());
  if (new Set(texts).size !== texts.length) minor.push({ issue: "two choices read the same", weight: 0.3 });
  if (texts.some((t) => t.length === 0 || t === ".")) minor.push({ issue: "a choice is empty", weight: 0.3 });
  const correct = new Set(q.answer.correct);
  if ((q.type === "single_choice" || q.type === "true_false") && correct.size !== 1) {
    keyProblems.push(`a ${q.type} question needs exactly one correct choice, it has ${correct.size}`);
  }
  if (q.type === "multiple_choice" && correct.size === 0) keyProblems.push("no choice is marked correct");
  // Legal in Moodle ("select all that apply" where all do), but it tests nothing: review it.
  if (q.type === "multiple_choice" && correct.size > 1 && correct.size >= q.choices.length) {
    minor.push({ issue: "every choice is marked correct", weight: 0.5 });
  }
  if (q.type === "true_false" && q.choices.length !== 2) keyProblems.push("a true/false question has two choices");
  if (q.choices.some((c) => CATCH_ALL.test(c.text.trim()))) {
    minor.push({ issue: "'all/none of the above' choices", weight: 0.1 });
  }
  const stem = q.text.toLowerCase();
  for (const choice of q.choices) {
    const text = choice.text.trim().toLowerCase();
    if (correct.has(choice.id) && text.length >= 6 && q.choices.length > 2 && stem.includes(text)) {
      minor.push({ issue: "the stem gives the correct answer away", weight: 0.3 });
      break;
    }
  }
}

function checkKey(q: ValidatableQuestion, findings: Findings): void {
  if (q.type === "short_answer") {
    if (q.answer.kind !== "text" || q.answer.accepted.every((a) => a.trim() === "")) {
      findings.keyProblems.push("a short-answer question needs accepted answers");
    }
  } else if (q.type === "numeric") {
    if (q.answer.kind !== "numeric" || !Number.isFinite(q.answer.value) || !Number.isFinite(q.answer.tolerance)) {
      findings.keyProblems.push("a numeric question needs a finite value and tolerance");
    }
  } else {
    checkChoices(q, findings);
  }
}

const ARITHMETIC = /^\s*what is (-?\d+(?:\.\d+)?)\s*([+\-−×x*÷/])\s*(-?\d+(?:\.\d+)?)\s*\??\s*$/i;

/** For stems that are plain arithmetic the key can be checked offline. */
function arithmeticMismatch(q: ValidatableQuestion): string | null {
  const match = ARITHMETIC.exec(q.text);
  if (!match) return null;
  const [a, b] = [Number(match[1]), Number(match[3])];
  const op = match[2] as string;
  const value = op === "+" ? a + b : op === "-" || op === "−" ? a - b : op === "÷" || op === "/" ? a / b : a * b;
  const keyed =
    q.answer.kind === "numeric"
      ? [q.answer.value]
      : q.answer.kind === "text"
        ? q.answer.accepted.map(Number)
        : q.choices
            .filter((c) => q.answer.kind === "choices" && q.answer.correct.includes(c.id))
            .map((c) => Number(c.text));
  const tolerance = q.answer.kind === "numeric" ? q.answer.tolerance : 1e-9;
  if (keyed.length === 0 || keyed.some((k) => Number.isNaN(k))) return null;
  return keyed.every((k) => Math.abs(k - value) <= tolerance)
    ? null
    : `${match[0].trim()} is ${value}, the key says otherwise`;
}

/**
 * The embedded validator: structural checks of the question and its key, and a Bloom level
 * from the wording. It cannot know facts, so it only marks the key wrong when the key is
 * malformed or contradicts arithmetic it can do.
 */
export function validateOffline(q: ValidatableQuestion): ValidationVerdict {
  const findings: Findings = { keyProblems: [], minor: [] };
  const text = q.text.trim();
  if (text.length < 10) findings.minor.push({ issue: "the question text is very short", weight: 0.2 });
  if (PLACEHOLDER.test(text)) findings.minor.push({ issue: "the question text holds a placeholder", weight: 0.5 });
  checkKey(q, findings);
  const mismatch = arithmeticMismatch(q);
  if (mismatch) findings.keyProblems.push(mismatch);

  const bloomLevel = bloomFromWording(text);
  const keyOk = findings.keyProblems.length === 0;
  const penalty = findings.minor.reduce((sum, m) => sum + m.weight, 0) + (q.explanation ? 0 : 0.05);
  const score = keyOk ? 1 - penalty : 0.2;
  return {
    bloomLevel,
    qualityScore: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100,
    answerKeyCorrect: keyOk,
    issues: [...findings.keyProblems, ...findings.minor.map((m) => m.issue)],
    suggestedDifficulty: q.difficulty ?? difficultyForBloom(bloomLevel),
  };
}
