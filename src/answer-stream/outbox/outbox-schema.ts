import type { SchemaMigration } from "../../sessions/storage/schema-migrations.ts";

/** The learner object's outbox: stream events recorded with the answer, deleted once the queue took them. */
export const answerOutboxSchema: SchemaMigration = {
  name: "0005-answer-outbox",
  up(sql) {
    sql.exec(`CREATE TABLE answer_outbox (
      id TEXT PRIMARY KEY,
      event TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL
    )`);
    sql.exec("CREATE INDEX answer_outbox_next_idx ON answer_outbox (next_at)");
  },
};

/**
 * The outbox holds an object's few unsent events, so reading it whole costs less than keeping
 * an index on `next_at` written with every event.
 */
export const answerOutboxUnindexed: SchemaMigration = {
  name: "0008-answer-outbox-unindexed",
  up(sql) {
    sql.exec("DROP INDEX answer_outbox_next_idx");
  },
};
