import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AnswerKey, BloomLevel, Choice, QuestionStatus, QuestionType } from "./question.ts";
import type { AnswerInput } from "./session-api.ts";

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
    /** Difficulty on the engine's logit scale, calibrated from answers; null until enough answers (the engine then uses the prior). */
    calibratedDifficulty: doublePrecision("calibrated_difficulty"),
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

/*
 * `quiz_sessions` and `answers` are written by the answer stream (src/answer-stream/) and
 * partitioned by month on their timestamp (migrations/origin/0003_answer_stream.sql; drizzle
 * cannot declare partitions, these definitions are the typed source for queries). A partitioned
 * table's keys must include the partition column, hence (id, timestamp) keys: both come from the
 * event, so a redelivered event meets its row. No foreign keys: a session's answers may arrive
 * before its start, and the stream must not stop on a question deleted since.
 */

/** A learner's quiz session: written from `session.started`, completed by `session.finished`. */
export const quizSessions = pgTable(
  "quiz_sessions",
  {
    id: text("id").notNull(),
    /** Null for an anonymous session. */
    userId: text("user_id"),
    category: text("category"),
    mode: text("mode").notNull(),
    length: integer("length").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "string" }),
    answered: integer("answered"),
    correct: integer("correct"),
  },
  (t) => [primaryKey({ columns: [t.id, t.startedAt] }), index("quiz_sessions_user_idx").on(t.userId, t.startedAt)],
);

/** One graded answer, with the abilities and item difficulty the engine used (for calibration and analytics). */
export const answers = pgTable(
  "answers",
  {
    id: text("id").notNull(),
    sessionId: text("session_id").notNull(),
    userId: text("user_id"),
    questionId: text("question_id").notNull(),
    category: text("category").notNull(),
    correct: boolean("correct").notNull(),
    score: doublePrecision("score").notNull(),
    response: jsonb("response").$type<AnswerInput>(),
    itemDifficulty: doublePrecision("item_difficulty").notNull(),
    abilityBefore: doublePrecision("ability_before").notNull(),
    abilityAfter: doublePrecision("ability_after").notNull(),
    responseMs: integer("response_ms"),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.answeredAt] }),
    index("answers_user_question_idx").on(t.userId, t.questionId, t.answeredAt),
    index("answers_question_idx").on(t.questionId),
  ],
);

export type QuestionRow = typeof questions.$inferSelect;
export type NewQuestionRow = typeof questions.$inferInsert;
