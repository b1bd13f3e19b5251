import type { ValidatableQuestion } from "../../../schemas/pipeline-messages.ts";
import type { ValidationVerdict } from "../../../schemas/validation.ts";
import { bloomFromWording, difficultyForBloom } from "./bloom-from-wording.ts";

/** Issues that make the answer key unusable cap the score low; the others cost `weight` each. */
interface Findings {
  keyProblems: string[];
  minor: { issue: string; weight: number }[];
}

const PLACEHOLDER = /<\s*insert\b|lorem ipsum|\bTODO\b|\?\?\?|\bplaceholder\b/i;
const CATCH_ALL = /^(all|none) of the above\.?$/i;

// What marks a text as asking something: a question mark (Latin, full-width, Arabic,
// Armenian), a blank to fill, or a word that asks, instructs or points at the answer ("this
// song"). A stem left open ("The writer was surprised because") is completed by its choices.
// Only a finished statement with none of these is no question; true/false items are statements.
const ASKS = /[?？؟՞]|_{3,}/;
const ASKING_WORD =
  /\b(what|which|who|whom|whose|when|where|why|how|name|list|select|choose|pick|identify|give|state|define|explain|describe|calculate|compute|find|complete|fill|match|determine|estimate|convert|solve|write|translate|order|arrange|classify|compare|this|these|following|called|known)\b/i;
const FINISHED_STATEMENT = /(?<![.…])[.!]\s*$/;
const ONLY_A_NUMBER = /^[\p{N}\s.,:%+\-−/×÷=]+$/u;
// One to four capitalised words and nothing else: "Ohio", "New York City".
const ONLY_A_NAME = /^(\p{Lu}[\p{L}'’.-]*)(\s+\p{Lu}[\p{L}'’.-]*){0,3}\.?$/u;
const NOT_A_QUESTION = 0.5;

/** Text that cannot be a question (a shifted CSV field, a lone answer), held for review. */
function checkQuestionForm(q: ValidatableQuestion, text: string, findings: Findings): void {
  const flag = (issue: string) => findings.minor.push({ issue: `not a question: ${issue}`, weight: NOT_A_QUESTION });
  if (ONLY_A_NUMBER.test(text)) flag("the text is only a number");
  else if (ONLY_A_NAME.test(text)) flag("the text is only a name");
  else if (text.length < 10) flag("the text is too short");
  else if (q.type !== "true_false" && FINISHED_STATEMENT.test(text) && !ASKS.test(text) && !ASKING_WORD.test(text)) {
    flag("a finished statement that neither asks nor instructs");
  }
}

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
  checkQuestionForm(q, text, findings);
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
