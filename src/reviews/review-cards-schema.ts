import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/** The learner object's FSRS cards: one per question the learner answered (the card as JSON numbers). */
export const reviewCardsSchema: SchemaMigration = {
  name: "0002-review-cards",
  learnersOnly: true,
  up(sql) {
    sql.exec(`CREATE TABLE review_cards (
      question_id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      level INTEGER NOT NULL,
      card TEXT NOT NULL,
      due INTEGER NOT NULL,
      last_rating TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
    sql.exec("CREATE INDEX review_cards_due_idx ON review_cards (category, due)");
  },
};

/**
 * Cards keyed by their question alone (WITHOUT ROWID): a card written costs its row and the
 * due index, not also a separate key index.
 */
export const reviewCardsByQuestion: SchemaMigration = {
  name: "0009-review-cards-by-question",
  learnersOnly: true,
  up(sql) {
    sql.exec(`CREATE TABLE review_cards_by_question (
      question_id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      level INTEGER NOT NULL,
      card TEXT NOT NULL,
      due INTEGER NOT NULL,
      last_rating TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    sql.exec("INSERT INTO review_cards_by_question SELECT * FROM review_cards");
    sql.exec("DROP TABLE review_cards");
    sql.exec("ALTER TABLE review_cards_by_question RENAME TO review_cards");
    sql.exec("CREATE INDEX review_cards_due_idx ON review_cards (category, due)");
  },
};
