import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/** The learner object's FSRS cards: one per question the learner answered (the card as JSON numbers). */
export const reviewCardsSchema: SchemaMigration = {
  name: "0002-review-cards",
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
