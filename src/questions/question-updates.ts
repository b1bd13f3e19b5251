import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import type { QuestionStatus } from "../../schemas/question.ts";
import type { PurgeReport } from "../cache/purge.ts";
import { questionFromOrigin } from "./origin-store.ts";
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
