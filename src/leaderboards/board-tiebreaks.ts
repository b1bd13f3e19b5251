import type { SchemaMigration } from "../sessions/storage/schema-migrations.ts";

/** Per board key: the latest tiebreak and when the board expires (stored compactly). */
type Stored = Record<string, [tiebreak: number, expiresAt: number | null]>;

/**
 * The learner's tiebreaks live in one row: an answer touches six boards, and one row rewritten
 * costs one row written where a row per board cost six.
 */
export const boardTiebreaksRow: SchemaMigration = {
  name: "0007-board-tiebreaks-row",
  learnersOnly: true,
  up(sql) {
    sql.exec("CREATE TABLE board_state (id INTEGER PRIMARY KEY CHECK (id = 1), tiebreaks TEXT NOT NULL)");
    sql.exec(`INSERT INTO board_state (id, tiebreaks)
      SELECT 1, json_group_object(key, json_array(tiebreak, expires_at)) FROM board_tiebreaks HAVING count(*) > 0`);
    sql.exec("DROP TABLE board_tiebreaks");
  },
};

export interface Tiebreak {
  tiebreak: number;
  /** When the board expires (epoch ms); null for all-time boards. */
  expiresAt: number | null;
}

/** The learner's tiebreaks on boards not yet expired at `now`. */
export function readTiebreaks(sql: SqlStorage, now: number): Map<string, Tiebreak> {
  const row = sql.exec<{ tiebreaks: string }>("SELECT tiebreaks FROM board_state WHERE id = 1").toArray()[0];
  const stored = row ? (JSON.parse(row.tiebreaks) as Stored) : {};
  return new Map(
    Object.entries(stored)
      .filter(([, [, expiresAt]]) => expiresAt === null || expiresAt >= now)
      .map(([key, [tiebreak, expiresAt]]) => [key, { tiebreak, expiresAt }]),
  );
}

export function writeTiebreaks(sql: SqlStorage, tiebreaks: ReadonlyMap<string, Tiebreak>): void {
  const stored: Stored = Object.fromEntries([...tiebreaks].map(([key, t]) => [key, [t.tiebreak, t.expiresAt]]));
  sql.exec(
    "INSERT INTO board_state (id, tiebreaks) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET tiebreaks = excluded.tiebreaks",
    JSON.stringify(stored),
  );
}
