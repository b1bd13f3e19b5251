import type { Question } from "../../schemas/question.ts";
import { astronomyDrafts } from "./bank/astronomy.ts";
import { biologyDrafts } from "./bank/biology.ts";
import { chemistryDrafts } from "./bank/chemistry.ts";
import { computingDrafts } from "./bank/computing.ts";
import { geographyDrafts } from "./bank/geography.ts";
import { historyDrafts } from "./bank/history.ts";
import { languageDrafts } from "./bank/language.ts";
import { mathematicsDrafts } from "./bank/mathematics.ts";
import { musicDrafts } from "./bank/music.ts";
import { unitsDrafts } from "./bank/units.ts";
import { finalize } from "./draft.ts";

export const SEED_CATEGORIES = [
  "mathematics",
  "computing",
  "geography",
  "chemistry",
  "astronomy",
  "physics",
  "history",
  "languages",
  "biology",
  "music",
] as const;

/**
 * The project's own question bank, generated from computed answers and checked fact tables.
 * Deterministic: the same questions, ids and hashes on every build (dev seed, tests, bench).
 */
export async function buildQuestionBank(): Promise<Question[]> {
  const drafts = [
    ...mathematicsDrafts(),
    ...computingDrafts(),
    ...geographyDrafts(),
    ...chemistryDrafts(),
    ...astronomyDrafts(),
    ...unitsDrafts(),
    ...historyDrafts(),
    ...languageDrafts(),
    ...biologyDrafts(),
    ...musicDrafts(),
  ];
  const questions = await Promise.all(drafts.map(finalize));
  // Two drafts can phrase the same fact identically; keep the first.
  const seen = new Set<string>();
  return questions.filter((q) => !seen.has(q.contentHash) && seen.add(q.contentHash));
}
