import { doublePrecision, integer, jsonb, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { questions } from "./origin-tables.ts";
import type { BloomLevel } from "./question.ts";
import type { Decision, Validator } from "./validation.ts";

/**
 * The origin: how each pipeline question was validated and what became of it. Questions held
 * for review live in `questions` with status `review`; this row says why.
 */
export const questionValidations = pgTable("question_validations", {
  questionId: text("question_id")
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  validator: text("validator").$type<Validator>().notNull(),
  model: text("model"),
  promptVersion: text("prompt_version").notNull(),
  bloomLevel: text("bloom_level").$type<BloomLevel>().notNull(),
  qualityScore: doublePrecision("quality_score").notNull(),
  answerKeyCorrect: integer("answer_key_correct").notNull(),
  issues: jsonb("issues").$type<string[]>().notNull().default([]),
  suggestedDifficulty: smallint("suggested_difficulty").notNull(),
  decision: text("decision").$type<Decision>().notNull(),
  reasons: jsonb("reasons").$type<string[]>().notNull().default([]),
  nearDuplicateOf: text("near_duplicate_of"),
  notes: jsonb("notes").$type<string[]>().notNull().default([]),
  tokens: integer("tokens").notNull().default(0),
  runId: text("run_id"),
  sourceId: text("source_id"),
  validatedAt: timestamp("validated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  reviewedBy: text("reviewed_by"),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "string" }),
});

export type QuestionValidationRow = typeof questionValidations.$inferSelect;
