import type { ReviewRating, StoredCard } from "../../schemas/review-card.ts";
import { decodeCard, encodeCard } from "./card-codec.ts";

export interface CardRow {
  questionId: string;
  category: string;
  level: number;
  card: StoredCard;
}

type Row = { question_id: string; category: string; level: number; card: string };

// Read through the codec, so a stored card is checked (and dates are numbers) before ts-fsrs sees it.
const fromRow = (row: Row): CardRow => ({
  questionId: row.question_id,
  category: row.category,
  level: row.level,
  card: encodeCard(decodeCard(JSON.parse(row.card))),
});

export function readCard(sql: SqlStorage, questionId: string): StoredCard | null {
  const row = sql.exec<Row>("SELECT * FROM review_cards WHERE question_id = ?", questionId).toArray()[0];
  return row ? fromRow(row).card : null;
}

export function writeCard(sql: SqlStorage, row: CardRow & { rating: ReviewRating }, now: number): void {
  sql.exec(
    `INSERT INTO review_cards (question_id, category, level, card, due, last_rating, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (question_id) DO UPDATE SET category = excluded.category, level = excluded.level, card = excluded.card,
       due = excluded.due, last_rating = excluded.last_rating, updated_at = excluded.updated_at`,
    row.questionId,
    row.category,
    row.level,
    JSON.stringify(row.card),
    row.card.due,
    row.rating,
    now,
  );
}

/** Cards due by `now`, of one category or all. */
export function dueCards(sql: SqlStorage, now: number, category?: string): CardRow[] {
  const rows =
    category === undefined
      ? sql.exec<Row>("SELECT * FROM review_cards WHERE due <= ?", now)
      : sql.exec<Row>("SELECT * FROM review_cards WHERE category = ? AND due <= ?", category, now);
  return rows.toArray().map(fromRow);
}

/** The earliest due time after `now`, or null. */
export function nextDueAt(sql: SqlStorage, now: number, category?: string): number | null {
  const row =
    category === undefined
      ? sql.exec<{ due: number | null }>("SELECT min(due) AS due FROM review_cards WHERE due > ?", now).one()
      : sql
          .exec<{ due: number | null }>(
            "SELECT min(due) AS due FROM review_cards WHERE category = ? AND due > ?",
            category,
            now,
          )
          .one();
  return row.due;
}
