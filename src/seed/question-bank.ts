import type { Question } from "../../schemas/question.ts";
import { astronomyDrafts } from "./bank/astronomy.ts";
import { biologyDrafts } from "./bank/biology.ts";
import { cellBiologyDrafts } from "./bank/biology-cells.ts";
import { chemistryDrafts } from "./bank/chemistry.ts";
import { computingDrafts } from "./bank/computing.ts";
import { englishDrafts } from "./bank/english.ts";
import { geographyDrafts } from "./bank/geography.ts";
import { geometryDrafts } from "./bank/geometry.ts";
import { historyDrafts } from "./bank/history.ts";
import { languageDrafts } from "./bank/language.ts";
import { mathematicsDrafts } from "./bank/mathematics.ts";
import { musicDrafts } from "./bank/music.ts";
import { physicsDrafts } from "./bank/physics.ts";
import { physicsFormulaDrafts } from "./bank/physics-formulas.ts";
import { unitsDrafts } from "./bank/units.ts";
import { finalize } from "./draft.ts";

/** The categories the bank fills, each with questions of several types and difficulties. */
export const SEED_CATEGORIES: readonly string[] = [
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
];

/**
 * The project's own question bank, generated from computed answers and checked fact tables.
 * Deterministic: the same questions, ids and hashes on every build (dev seed, tests, bench).
 * Throws if two questions come out the same, so an edit to a table cannot silently shrink it.
 */
export async function buildQuestionBank(): Promise<Question[]> {
  const drafts = [
    ...mathematicsDrafts(),
    ...geometryDrafts(),
    ...computingDrafts(),
    ...geographyDrafts(),
    ...chemistryDrafts(),
    ...astronomyDrafts(),
    ...unitsDrafts(),
    ...physicsFormulaDrafts(),
    ...physicsDrafts(),
    ...historyDrafts(),
    ...languageDrafts(),
    ...englishDrafts(),
    ...biologyDrafts(),
    ...cellBiologyDrafts(),
    ...musicDrafts(),
  ];
  const questions = await Promise.all(drafts.map(finalize));
  const seen = new Map<string, string>();
  for (const q of questions) {
    for (const key of [q.id, q.contentHash]) {
      const other = seen.get(key);
      if (other !== undefined) throw new Error(`seed bank: "${q.text}" duplicates "${other}"`);
      seen.set(key, q.text);
    }
  }
  return questions;
}
