import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * D1: question purges recorded before they are done and removed once done, so a purge that
 * fails (KV or D1 down after the origin changed) is retried by the cron until it succeeds.
 */
export const pendingPurges = sqliteTable("pending_purges", {
  questionId: text("question_id").primaryKey(),
  /** Epoch ms of the latest write that asked for it. */
  queuedAt: integer("queued_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

export type PendingPurgeRow = typeof pendingPurges.$inferSelect;
