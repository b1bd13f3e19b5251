import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AnswerKey, BloomLevel, Choice, QuestionStatus, QuestionType } from "./question.ts";

/** D1: the edge copy of the question bank, indexed for filters, random picks and search. */
export const questions = sqliteTable(
  "questions",
  {
    id: text("id").primaryKey(),
    type: text("type").$type<QuestionType>().notNull(),
    text: text("text").notNull(),
    choices: text("choices", { mode: "json" }).$type<Choice[]>().notNull(),
    answer: text("answer", { mode: "json" }).$type<AnswerKey>().notNull(),
    explanation: text("explanation"),
    category: text("category").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    difficulty: integer("difficulty").notNull(),
    bloomLevel: text("bloom_level").$type<BloomLevel>().notNull(),
    language: text("language").notNull(),
    mediaKeys: text("media_keys", { mode: "json" }).$type<string[]>().notNull(),
    explanationMediaKeys: text("explanation_media_keys", { mode: "json" }).$type<string[]>().notNull().default([]),
    source: text("source").notNull(),
    contentHash: text("content_hash").notNull(),
    status: text("status").$type<QuestionStatus>().notNull(),
    /** The origin's calibrated logit (see origin-tables.ts), copied with the row. */
    calibratedDifficulty: real("calibrated_difficulty"),
    version: integer("version").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("questions_content_hash_key").on(t.contentHash),
    index("questions_active_filter_idx").on(t.category, t.difficulty, t.bloomLevel).where(sql`status = 'active'`),
  ],
);

export type D1QuestionRow = typeof questions.$inferSelect;

/** Remote config: the source of truth; Workers read the KV snapshot published from it. */
export const configEntries = sqliteTable("config_entries", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  version: integer("version").notNull(),
  updatedAt: text("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/** Every config change: who, when, old -> new, why. `id` orders changes across keys. */
export const configHistory = sqliteTable(
  "config_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    oldValue: text("old_value", { mode: "json" }).$type<unknown>(),
    newValue: text("new_value", { mode: "json" }).$type<unknown>().notNull(),
    actor: text("actor").notNull(),
    reason: text("reason"),
    action: text("action").$type<"set" | "reset" | "rollback">().notNull(),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("config_history_key_version_key").on(t.key, t.version)],
);

export type ConfigEntryRow = typeof configEntries.$inferSelect;
export type ConfigHistoryRow = typeof configHistory.$inferSelect;
export * from "./d1-answer-tables.ts";
export * from "./d1-monitoring-tables.ts";
export * from "./d1-pipeline-tables.ts";
export * from "./d1-purge-tables.ts";
