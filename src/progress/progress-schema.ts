import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/** One row per learner object: time zone, display name, streak and points. */
export const learnerProgressSchema: SchemaMigration = {
  name: "0003-learner-progress",
  learnersOnly: true,
  up(sql) {
    sql.exec(`CREATE TABLE learner_progress (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      time_zone TEXT NOT NULL DEFAULT 'UTC',
      display_name TEXT,
      streak_current INTEGER NOT NULL DEFAULT 0,
      streak_best INTEGER NOT NULL DEFAULT 0,
      streak_last_day TEXT,
      points INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL
    )`);
  },
};
