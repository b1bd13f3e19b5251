import type { SchemaMigration } from "./schema-migrations.ts";

/** Sessions, graded answers, idempotency records and the ability per category. */
export const sessionsSchema: SchemaMigration = {
  name: "0001-sessions",
  up(sql) {
    sql.exec(`CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      learner_id TEXT,
      category TEXT NOT NULL,
      language TEXT,
      mode TEXT NOT NULL,
      length INTEGER NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL,
      engine_state TEXT NOT NULL,
      current_question TEXT,
      started_at INTEGER NOT NULL,
      finished_at INTEGER
    )`);
    sql.exec(`CREATE TABLE answers (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      category TEXT NOT NULL,
      correct INTEGER NOT NULL,
      score REAL NOT NULL,
      shown_difficulty REAL NOT NULL,
      event TEXT NOT NULL,
      answered_at INTEGER NOT NULL,
      UNIQUE (session_id, position)
    )`);
    sql.exec("CREATE INDEX answers_recent_idx ON answers (answered_at)");
    sql.exec(`CREATE TABLE idempotency_keys (
      session_id TEXT NOT NULL,
      key TEXT NOT NULL,
      request TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, key)
    )`);
    sql.exec(`CREATE TABLE abilities (
      category TEXT PRIMARY KEY,
      theta REAL NOT NULL,
      se REAL NOT NULL,
      answers INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
  },
};
