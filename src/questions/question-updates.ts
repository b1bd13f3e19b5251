import { and, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import type { QuestionStatus } from "../../schemas/question.ts";
import { questionFromOrigin } from "./origin-store.ts";
import type { PurgeReport } from "./purge-questions.ts";
import { propagateWrites, type WriteDeps } from "./write-through.ts";

export interface UpdateReport {
  /** Ids whose row changed. */
  updated: string[];
  purge: PurgeReport | null;
}

/** Moves questions to a status (e.g. review -> active once validated); unchanged rows are left alone. */
export async function setQuestionStatus(deps: WriteDeps, ids: string[], status: QuestionStatus): Promise<UpdateReport> {
  if (ids.length === 0) return { updated: [], purge: null };
  const rows = await deps.origin.db
    .update(questions)
    .set({ status, version: sql`${questions.version} + 1`, updatedAt: sql`now()` })
    .where(and(inArray(questions.id, ids), ne(questions.status, status)))
    .returning();
  const written = rows.map(questionFromOrigin);
  return { updated: written.map((q) => q.id), purge: await propagateWrites(deps, written) };
}

/**
 * Adds a media key to a question (idempotent). Returns null when the question does not exist.
 */
export async function linkMedia(deps: WriteDeps, id: string, mediaKey: string): Promise<UpdateReport | null> {
  const rows = await deps.origin.db
    .update(questions)
    .set({
      mediaKeys: sql`${questions.mediaKeys} || ${JSON.stringify([mediaKey])}::jsonb`,
      version: sql`${questions.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(questions.id, id), sql`NOT (${questions.mediaKeys} ? ${mediaKey})`))
    .returning();
  if (rows.length === 0) {
    const [exists] = await deps.origin.db.select({ id: questions.id }).from(questions).where(eq(questions.id, id));
    return exists ? { updated: [], purge: null } : null;
  }
  const written = rows.map(questionFromOrigin);
  return { updated: [id], purge: await propagateWrites(deps, written) };
}

/**
 * Publishes calibrated difficulties (logits) to question records: the origin, then D1 and the
 * cache purge, so the engine selects with them. Not a content change: neither the version nor
 * `updatedAt` moves, and learner payloads do not carry the value.
 */
export async function setCalibratedDifficulty(
  deps: WriteDeps,
  values: { id: string; difficulty: number }[],
): Promise<UpdateReport> {
  if (values.length === 0) return { updated: [], purge: null };
  const rows = await deps.origin.db
    .update(questions)
    .set({ calibratedDifficulty: sql`v.difficulty` })
    .from(sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id text, difficulty double precision)`)
    .where(sql`${questions.id} = v.id`)
    .returning(getTableColumns(questions));
  const written = rows.map(questionFromOrigin);
  return { updated: written.map((q) => q.id), purge: await propagateWrites(deps, written) };
}
