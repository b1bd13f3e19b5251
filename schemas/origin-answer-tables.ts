import {
  doublePrecision,
  integer,
  jsonb,
  pgMaterializedView,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { questions } from "./origin-tables.ts";

/**
 * The origin: each question's running difficulty estimate from the answer stream (logit,
 * its variance and how many answers it rests on). `questions.calibrated_difficulty` holds the
 * value published to the edge, rewritten only when the estimate has moved far enough.
 */
export const questionCalibration = pgTable("question_calibration", {
  questionId: text("question_id")
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  answers: integer("answers").notNull(),
  estimate: doublePrecision("estimate").notNull(),
  variance: doublePrecision("variance").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

/**
 * Question health problems found in learner data (wrong key, negative discrimination...), one
 * row per question and reason, so a question an editor approved again is not flagged again for it.
 */
export const questionHealthFlags = pgTable(
  "question_health_flags",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    detail: text("detail").notNull(),
    stats: jsonb("stats").$type<Record<string, unknown>>().notNull(),
    flaggedAt: timestamp("flagged_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.reason] })],
);

export type QuestionCalibrationRow = typeof questionCalibration.$inferSelect;
export type QuestionHealthFlagRow = typeof questionHealthFlags.$inferSelect;

/**
 * Per learner totals (migrations/origin/0003_answer_stream.sql), refreshed CONCURRENTLY by
 * the cron; declared here for typed reads only.
 */
export const userStats = pgMaterializedView("user_stats", {
  userId: text("user_id").notNull(),
  totalSessions: integer("total_sessions").notNull(),
  totalAnswers: integer("total_answers").notNull(),
  averageScore: doublePrecision("average_score"),
  bestStreak: integer("best_streak").notNull(),
}).existing();
export type UserStatsRow = typeof userStats.$inferSelect;
