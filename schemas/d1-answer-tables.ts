import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * D1: answer-stream messages that reached the dead-letter queue (poison, or every retry
 * failed), for admins (`GET /api/admin/answers/dead-letters`). Kept at the edge because the
 * origin may be what failed; a replay sends the readable ones back to the stream.
 */
export const answerDeadLetters = sqliteTable(
  "answer_dead_letters",
  {
    messageId: text("message_id").primaryKey(),
    /** `poison` (no consumer can read it) or `undelivered` (a valid event whose retries ran out). */
    kind: text("kind").$type<"poison" | "undelivered">().notNull(),
    reason: text("reason").notNull(),
    eventId: text("event_id"),
    eventType: text("event_type"),
    attempts: integer("attempts").notNull(),
    body: text("body", { mode: "json" }).$type<unknown>().notNull(),
    receivedAt: text("received_at").notNull(),
    replayedAt: text("replayed_at"),
  },
  (t) => [index("answer_dead_letters_received_idx").on(t.receivedAt)],
);

export type AnswerDeadLetterRow = typeof answerDeadLetters.$inferSelect;
