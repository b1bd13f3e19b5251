import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AnswerKey, BloomLevel, Choice, QuestionStatus, QuestionType } from "./question.ts";

/** Postgres origin: the source of truth for questions and learner history. */
export const questions = pgTable(
  "questions",
  {
    id: text("id").primaryKey(),
    type: text("type").$type<QuestionType>().notNull(),
    text: text("text").notNull(),
    choices: jsonb("choices").$type<Choice[]>().notNull().default([]),
    answer: jsonb("answer").$type<AnswerKey>().notNull(),
    explanation: text("explanation"),
    category: text("category").notNull(),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    difficulty: smallint("difficulty").notNull(),
    bloomLevel: text("bloom_level").$type<BloomLevel>().notNull(),
    language: text("language").notNull().default("en"),
    mediaKeys: jsonb("media_keys").$type<string[]>().notNull().default([]),
    explanationMediaKeys: jsonb("explanation_media_keys").$type<string[]>().notNull().default([]),
    source: text("source").notNull(),
    contentHash: text("content_hash").notNull(),
    status: text("status").$type<QuestionStatus>().notNull().default("active"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("questions_content_hash_key").on(t.contentHash),
    // The seed architecture's filter index, only over what learners can be served.
    index("questions_active_filter_idx").on(t.category, t.difficulty, t.bloomLevel).where(sql`${t.status} = 'active'`),
  ],
);

/** A learner's quiz session (adaptive engine state lives in `state`). */
export const quizSessions = pgTable(
  "quiz_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").notNull(),
    category: text("category"),
    state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [index("quiz_sessions_user_idx").on(t.userId, t.startedAt)],
);

/** One graded answer; the history spaced repetition and stats are computed from. */
export const answers = pgTable(
  "answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => quizSessions.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    correct: integer("correct").notNull(),
    responseMs: integer("response_ms"),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [index("answers_user_question_idx").on(t.userId, t.questionId, t.answeredAt)],
);

export type QuestionRow = typeof questions.$inferSelect;
export type NewQuestionRow = typeof questions.$inferInsert;
export * from "./origin-pipeline-tables.ts";
