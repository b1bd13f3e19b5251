import type { AnswerKey, Choice } from "../../../schemas/question.ts";
import { murmur3 } from "../../config/murmur3.ts";
import { normalizeForHash } from "../../questions/content-hash.ts";

/** The tag of a question whose choices keep their source order because the order means something. */
export const FIXED_ORDER_TAG = "fixed-choice-order";

// "All of the above", "none of these", "both a and b", "A and C", "only 1 and 2"…: choices
// that point at other choices by position.
const POINTS_AT_OTHERS =
  /\b(all|none|both|neither|either)\s+(of\s+)?(the\s+)?(above|below|these|those|options|answers|choices)\b|\b(both|only|neither)\s+[a-e1-5]\s+(and|or|nor)\s+[a-e1-5]\b|^[a-e1-5]\s+(and|or|&)\s+[a-e1-5]$/i;
// A numbered range or bound: "1-5", "6 – 10", "10 to 20", "more than 20", "< 5", "over 1000".
const RANGE =
  /^(less than|fewer than|more than|under|over|at least|up to|[<>≤≥])?\s*[\d.,]+\s*(([-–—]|to)\s*[\d.,]+)?\s*\S{0,12}$/i;

/**
 * Whether a question's choices must stay in their source order: one refers to the others by
 * position, or they are numbered ranges read in order.
 */
export function orderIsMeaningful(choices: readonly Choice[]): boolean {
  const texts = choices.map((c) => c.text.trim());
  if (texts.some((t) => POINTS_AT_OTHERS.test(t))) return true;
  return texts.length > 1 && texts.every((t) => RANGE.test(t)) && texts.some((t) => /\d\s*([-–—]|to)\s*\d/.test(t));
}

export interface ShuffledChoices {
  choices: Choice[];
  answer: AnswerKey;
  /** True when the order was kept because it means something. */
  fixedOrder: boolean;
}

/**
 * Puts choices in an order that depends only on the question id and the choice texts, then
 * letters them a, b, c…: a key's position says nothing, whatever order the author wrote the
 * choices in. Ordering by a hash (not a seeded Fisher–Yates over the given order) makes it
 * idempotent, so stored questions can be re-lettered once and re-imports land alike.
 */
export function shuffleChoices(id: string, choices: readonly Choice[], answer: AnswerKey): ShuffledChoices {
  if (choices.length < 2 || answer.kind !== "choices") return { choices: [...choices], answer, fixedOrder: false };
  const fixedOrder = orderIsMeaningful(choices);
  const ordered = fixedOrder
    ? [...choices]
    : choices
        .map((c) => ({ c, rank: murmur3(normalizeForHash(c.text), murmur3(id)) }))
        .sort((a, b) => a.rank - b.rank || a.c.text.localeCompare(b.c.text))
        .map(({ c }) => c);
  const newId = new Map(ordered.map((c, i) => [c.id, String.fromCharCode(97 + i)]));
  return {
    choices: ordered.map((c) => ({ id: newId.get(c.id) ?? c.id, text: c.text })),
    answer: { kind: "choices", correct: answer.correct.map((id) => newId.get(id) ?? id).sort() },
    fixedOrder,
  };
}
