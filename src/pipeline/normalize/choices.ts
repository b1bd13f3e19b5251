import { normalizeForHash } from "../../questions/content-hash.ts";

/** A choice before ids are assigned, with its correctness and optional per-choice feedback. */
export interface DraftChoice {
  text: string;
  correct: boolean;
  feedback?: string | null;
}

export interface DedupedChoices {
  choices: DraftChoice[];
  /** Set when two copies of one choice disagree on whether it is correct. */
  conflict: string | null;
}

/**
 * Merges choices that read the same once case, Unicode form and whitespace are folded (the
 * content hash folds them the same way), keeping the first copy and its position. Duplicates
 * come from sloppy sources ("Paris" and "Paris "), and a learner cannot tell them apart. A
 * choice that is marked correct in one copy and wrong in another is a contradiction the
 * caller reports rather than resolves.
 */
export function dedupeChoices(choices: readonly DraftChoice[]): DedupedChoices {
  const byKey = new Map<string, DraftChoice>();
  const kept: DraftChoice[] = [];
  let conflict: string | null = null;
  for (const choice of choices) {
    const key = normalizeForHash(choice.text);
    const first = byKey.get(key);
    if (!first) {
      const copy = { ...choice };
      byKey.set(key, copy);
      kept.push(copy);
      continue;
    }
    if (first.correct !== choice.correct)
      conflict ??= `the choice "${choice.text}" is listed as both correct and wrong`;
    first.feedback ??= choice.feedback;
  }
  return { choices: kept, conflict };
}
