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

/** The fields every builder below takes from the caller. */
export type DraftBase = Omit<Draft, "type" | "choices" | "answer">;

/** A draft's classification, shared by a family of questions. */
export type DraftMeta = Omit<DraftBase, "text" | "explanation">;

/** Fixed, so two builds of the bank are byte-identical. */
const SEEDED_AT = "2026-01-01T00:00:00.000Z";

export async function finalize(draft: Draft): Promise<Question> {
  return {
    // The id comes from what a learner sees, never from the answer key (see questionIdFor).
    id: await questionIdFor(draft),
    ...draft,
    language: "en",
    mediaKeys: [],
    explanationMediaKeys: [],
    source: "seed",
    contentHash: await contentHash(draft),
    status: "active",
    calibratedDifficulty: null,
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

/** Picks `n` distinct items of `pool` in a random order, deterministically. */
export function pickSome<T>(pool: readonly T[], n: number, rand: () => number): T[] {
  const rest = [...new Set(pool)];
  const out: T[] = [];
  while (out.length < n && rest.length > 0) {
    out.push(rest.splice(Math.floor(rand() * rest.length), 1)[0] as T);
  }
  return out;
}

/** Picks `n` items of `pool` other than `except`, deterministically. */
export function pickOthers<T>(pool: readonly T[], except: T, n: number, rand: () => number): T[] {
  return pickSome(
    pool.filter((p) => p !== except),
    n,
    rand,
  );
}

/** A single-choice draft: the correct text and up to three distinct distractors, shuffled. */
export function singleChoice(base: DraftBase, correct: string, distractors: string[], rand: () => number): Draft {
  const texts = [correct, ...new Set(distractors.filter((d) => d !== correct))].slice(0, 4);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [texts[i], texts[j]] = [texts[j] as string, texts[i] as string];
  }
  const choices = texts.map((text, i) => ({ id: LETTERS[i] as string, text }));
  const correctId = LETTERS[texts.indexOf(correct)] as string;
  return { ...base, type: "single_choice", choices, answer: { kind: "choices", correct: [correctId] } };
}

/**
 * A single-choice draft over numbers, with distractors drawn from `near` (likely slips).
 * The answer's rank among the options is drawn first and filled from each side, so it is
 * not always, say, the second smallest: a fixed pattern would give the answer away.
 */
export function numberChoice(
  base: DraftBase,
  correct: number,
  near: number[],
  rand: () => number,
  format: (n: number) => string = String,
): Draft {
  const wrong = new Map<string, number>();
  for (const n of near) if (Number.isFinite(n) && format(n) !== format(correct)) wrong.set(format(n), n);
  const below = [...wrong].filter(([, n]) => n < correct).map(([text]) => text);
  const above = [...wrong].filter(([, n]) => n > correct).map(([text]) => text);
  const rank = Math.max(Math.min(Math.floor(rand() * 4), below.length), 3 - above.length);
  const distractors = [...pickSome(below, rank, rand), ...pickSome(above, 3 - rank, rand)];
  return singleChoice(base, format(correct), distractors, rand);
}

/**
 * A select-all-that-apply draft, or none when the options do not make a fair one: it needs
 * at least two right options (else it is single choice) and one wrong one.
 */
export function selectAll(base: DraftBase, options: [text: string, correct: boolean][]): Draft[] {
  const right = options.filter(([, ok]) => ok).length;
  if (right < 2 || right === options.length || new Set(options.map(([t]) => t)).size < options.length) return [];
  const choices = options.map(([text], i) => ({ id: LETTERS[i] as string, text }));
  const correct = choices.filter((_, i) => options[i]?.[1]).map((c) => c.id);
  return [{ ...base, type: "multiple_choice", choices, answer: { kind: "choices", correct } }];
}

export const TRUE_FALSE_CHOICES: readonly Choice[] = [
  { id: "true", text: "True" },
  { id: "false", text: "False" },
];

export function trueFalse(base: DraftBase, truth: boolean): Draft {
  return {
    ...base,
    type: "true_false",
    choices: TRUE_FALSE_CHOICES.map((c) => ({ ...c })),
    answer: { kind: "choices", correct: [truth ? "true" : "false"] },
  };
}

export function shortAnswer(base: DraftBase, accepted: string[]): Draft {
  const variants = [...new Set(accepted)];
  return {
    ...base,
    type: "short_answer",
    choices: [],
    answer: { kind: "text", accepted: variants, caseSensitive: false },
  };
}

export function numeric(base: DraftBase, value: number, tolerance = 0): Draft {
  return { ...base, type: "numeric", choices: [], answer: { kind: "numeric", value, tolerance } };
}

/** Numbers as people write them: no float noise such as 0.30000000000000004. */
export function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
