import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/**
 * The ability per category at the end of each day with answers (the stats chart). Objects that
 * already have answers get their history back from the answers' events, by UTC day.
 */
export const abilityHistorySchema: SchemaMigration = {
  name: "0006-ability-history",
  learnersOnly: true,
  up(sql) {
    sql.exec(`CREATE TABLE ability_days (
      category TEXT NOT NULL,
      day TEXT NOT NULL,
      theta REAL NOT NULL,
      se REAL NOT NULL,
      answers INTEGER NOT NULL,
      PRIMARY KEY (category, day)
    ) WITHOUT ROWID`);
    // SQLite takes the bare columns of an aggregate query from the row holding max(): the day's last answer
    // (by insertion order, since answers in the same millisecond are possible).
    sql.exec(`INSERT INTO ability_days (category, day, theta, se, answers)
      SELECT category, day, theta, se, answers FROM (
        SELECT a.category AS category, date(a.answered_at / 1000, 'unixepoch') AS day,
          json_extract(a.event, '$.abilityAfter.theta') AS theta, json_extract(a.event, '$.abilityAfter.se') AS se,
          count(*) AS answers, max(a.rowid) AS last
        FROM answers a JOIN sessions s ON s.id = a.session_id
        WHERE s.learner_id IS NOT NULL
        GROUP BY a.category, day
      )`);
  },
};
