import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/**
 * Leaderboard increments waiting to reach Redis (one row per scoring answer, deleted once
 * sent) and the learner's latest tiebreak per board (see score-encoding.ts).
 */
export const boardOutboxSchema: SchemaMigration = {
  name: "0004-board-outbox",
  learnersOnly: true,
  up(sql) {
    sql.exec(`CREATE TABLE board_outbox (
      answer_id TEXT PRIMARY KEY,
      learner_id TEXT NOT NULL,
      writes TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      claimed_until INTEGER NOT NULL DEFAULT 0
    )`);
    sql.exec(`CREATE TABLE board_tiebreaks (
      key TEXT PRIMARY KEY,
      tiebreak INTEGER NOT NULL,
      expires_at INTEGER
    )`);
  },
};
