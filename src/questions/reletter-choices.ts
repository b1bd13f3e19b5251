import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import { FIXED_ORDER_TAG, shuffleChoices } from "../pipeline/normalize/shuffle-choices.ts";
import { questionFromOrigin } from "./origin-store.ts";
import type { PurgeReport } from "./purge-questions.ts";
import { propagateWrites, type WriteDeps } from "./write-through.ts";

export interface ReletterPage {
  /** Choice questions looked at in this page. */
  examined: number;
  /** Ids whose choices were put in the new order (version bumped, caches purged). */
  updated: string[];
  /** Pass back as `after` for the next page; null when every question was seen. */
  next: string | null;
  purge: PurgeReport | null;
}

/**
 * Re-letters stored choice questions in the order import now gives them (seeded from the id,
 * see shuffle-choices.ts), one page by id at a time: questions stored before choices were
 * shuffled kept the author's order, which often puts the key first. The order depends only on
 * the id and the texts, so a question already in it is left alone and running this again
 * changes nothing. Each change bumps the version (guarded by the version read, so a concurrent
 * edit wins) and goes through the write path: D1 copy and every cache purged.
 */
export async function reletterStoredChoices(
  deps: WriteDeps,
  options: { after?: string | undefined; limit: number; category?: string | undefined },
): Promise<ReletterPage> {
  const filters: SQL[] = [inArray(questions.type, ["single_choice", "multiple_choice"])];
  if (options.after) filters.push(gt(questions.id, options.after));
  if (options.category) filters.push(eq(questions.category, options.category));
  const rows = await deps.origin.db
    .select()
    .from(questions)
    .where(and(...filters))
    .orderBy(asc(questions.id))
    .limit(options.limit);
  const written = [];
  for (const row of rows) {
    const { choices, answer, fixedOrder } = shuffleChoices(row.id, row.choices, row.answer);
    const tags =
      fixedOrder && !row.tags.includes(FIXED_ORDER_TAG) ? [...row.tags, FIXED_ORDER_TAG].slice(-30) : row.tags;
    const same = JSON.stringify([choices, answer, tags]) === JSON.stringify([row.choices, row.answer, row.tags]);
    if (same) continue;
    const [updated] = await deps.origin.db
      .update(questions)
      .set({ choices, answer, tags, version: row.version + 1, updatedAt: sql`now()` })
      .where(and(eq(questions.id, row.id), eq(questions.version, row.version)))
      .returning();
    if (updated) written.push(questionFromOrigin(updated));
  }
  const last = rows[rows.length - 1];
  return {
    examined: rows.length,
    updated: written.map((q) => q.id),
    next: rows.length === options.limit && last ? last.id : null,
    purge: await propagateWrites(deps, written),
  };
}
