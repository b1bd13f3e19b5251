import type { AnswerKey, BloomLevel, Choice, Question, QuestionType } from "../../schemas/question.ts";
import { contentHash, questionIdFor } from "../questions/content-hash.ts";

/** What a bank module writes; ids, hashes and bookkeeping are filled in by `finalize`. */
export interface Draft {
  type: QuestionType;
  text: string;
  choices: Choice[];
  answer: AnswerKey;
  explanation: string;
  category: string;
  tags: string[];
  difficulty: number;
  bloomLevel: BloomLevel;
}

const SEEDED_AT = "2026-01-01T00:00:00.000Z";

export async function finalize(draft: Draft): Promise<Question> {
  const hash = await contentHash(draft);
  return {
    id: await questionIdFor(draft),
    ...draft,
    language: "en",
    mediaKeys: [],
    source: "seed",
    contentHash: hash,
    status: "active",
    version: 1,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
}

/** mulberry32: a tiny seeded PRNG, so the bank is identical on every build. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * Choices from one correct text and distinct distractors, in an order picked by `rand`,
 * so the correct letter varies. Returns the choices and the correct choice id.
 */
export function choicesWith(
  correct: string,
  distractors: string[],
  rand: () => number,
): { choices: Choice[]; correctId: string } {
  const texts = [correct, ...new Set(distractors.filter((d) => d !== correct))].slice(0, 4);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [texts[i], texts[j]] = [texts[j] as string, texts[i] as string];
  }
  const choices = texts.map((text, i) => ({ id: LETTERS[i] as string, text }));
  return { choices, correctId: (choices.find((c) => c.text === correct) as Choice).id };
}

/** A single-choice draft from a correct answer and distractors. */
export function singleChoice(
  base: Omit<Draft, "type" | "choices" | "answer">,
  correct: string,
  distractors: string[],
  rand: () => number,
): Draft {
  const { choices, correctId } = choicesWith(correct, distractors, rand);
  return { ...base, type: "single_choice", choices, answer: { kind: "choices", correct: [correctId] } };
}

/** A select-all draft: every option text is marked correct or not. */
export function selectAll(base: Omit<Draft, "type" | "choices" | "answer">, options: [string, boolean][]): Draft {
  const choices = options.map(([text], i) => ({ id: LETTERS[i] as string, text }));
  const correct = choices.filter((_, i) => options[i]?.[1]).map((c) => c.id);
  return { ...base, type: "multiple_choice", choices, answer: { kind: "choices", correct } };
}

export const TRUE_FALSE_CHOICES: Choice[] = [
  { id: "true", text: "True" },
  { id: "false", text: "False" },
];

export function trueFalse(base: Omit<Draft, "type" | "choices" | "answer">, truth: boolean): Draft {
  return {
    ...base,
    type: "true_false",
    choices: TRUE_FALSE_CHOICES,
    answer: { kind: "choices", correct: [truth ? "true" : "false"] },
  };
}

export function shortAnswer(base: Omit<Draft, "type" | "choices" | "answer">, accepted: string[]): Draft {
  return { ...base, type: "short_answer", choices: [], answer: { kind: "text", accepted, caseSensitive: false } };
}

export function numeric(base: Omit<Draft, "type" | "choices" | "answer">, value: number, tolerance = 0): Draft {
  return { ...base, type: "numeric", choices: [], answer: { kind: "numeric", value, tolerance } };
}

/** Picks `n` items of `pool` other than `except`, deterministically. */
export function pickOthers<T>(pool: readonly T[], except: T, n: number, rand: () => number): T[] {
  const others = pool.filter((p) => p !== except);
  const out: T[] = [];
  while (out.length < n && others.length > 0) {
    out.push(others.splice(Math.floor(rand() * others.length), 1)[0] as T);
  }
  return out;
}
