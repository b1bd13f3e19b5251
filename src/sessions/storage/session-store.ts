import type { Question } from "../../../schemas/question.ts";
import type { Ability, SessionMode } from "../../../schemas/session-api.ts";
import type { GradedAnswer } from "../../../schemas/session-events.ts";
import type { EngineState } from "../../adaptive/engine.ts";

/** A session as the learner object holds it. */
export interface StoredSession {
  id: string;
  learnerId: string | null;
  category: string;
  language: string | null;
  mode: SessionMode;
  length: number;
  /** Answers graded so far. */
  position: number;
  status: "active" | "finished";
  engine: EngineState;
  /** The full question being asked (answer key included, for grading what was shown); null once finished. */
  current: Question | null;
  startedAt: number;
  finishedAt: number | null;
}

type SessionRow = {
  id: string;
  learner_id: string | null;
  category: string;
  language: string | null;
  mode: string;
  length: number;
  position: number;
  status: string;
  engine_state: string;
  current_question: string | null;
  started_at: number;
  finished_at: number | null;
};

function fromRow(row: SessionRow): StoredSession {
  return {
    id: row.id,
    learnerId: row.learner_id,
    category: row.category,
    language: row.language,
    mode: row.mode as SessionMode,
    length: row.length,
    position: row.position,
    status: row.status as StoredSession["status"],
    engine: JSON.parse(row.engine_state) as EngineState,
    current: row.current_question === null ? null : (JSON.parse(row.current_question) as Question),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function readSession(sql: SqlStorage, id: string): StoredSession | null {
  const row = sql.exec<SessionRow>("SELECT * FROM sessions WHERE id = ?", id).toArray()[0];
  return row ? fromRow(row) : null;
}

export function insertSession(sql: SqlStorage, s: StoredSession): void {
  sql.exec(
    `INSERT INTO sessions (id, learner_id, category, language, mode, length, position, status, engine_state,
       current_question, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    s.id,
    s.learnerId,
    s.category,
    s.language,
    s.mode,
    s.length,
    s.position,
    s.status,
    JSON.stringify(s.engine),
    s.current === null ? null : JSON.stringify(s.current),
    s.startedAt,
    s.finishedAt,
  );
}

/** Writes what changes as a session runs. */
export function updateSession(sql: SqlStorage, s: StoredSession): void {
  sql.exec(
    "UPDATE sessions SET position = ?, status = ?, engine_state = ?, current_question = ?, finished_at = ? WHERE id = ?",
    s.position,
    s.status,
    JSON.stringify(s.engine),
    s.current === null ? null : JSON.stringify(s.current),
    s.finishedAt,
    s.id,
  );
}

export function insertAnswer(sql: SqlStorage, graded: GradedAnswer, shownDifficulty: number): void {
  sql.exec(
    `INSERT INTO answers (id, session_id, position, question_id, category, correct, score, shown_difficulty, event, answered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    graded.answerId,
    graded.sessionId,
    graded.position,
    graded.questionId,
    graded.category,
    graded.correct ? 1 : 0,
    graded.score,
    shownDifficulty,
    JSON.stringify(graded),
    graded.answeredAt,
  );
}

export interface AnswerTally {
  answered: number;
  correct: number;
  /** The level shown for each question answered, in order. */
  path: number[];
}

export function tallySession(sql: SqlStorage, sessionId: string): AnswerTally {
  const rows = sql
    .exec<{ correct: number; shown_difficulty: number }>(
      "SELECT correct, shown_difficulty FROM answers WHERE session_id = ? ORDER BY position",
      sessionId,
    )
    .toArray();
  return {
    answered: rows.length,
    correct: rows.filter((r) => r.correct === 1).length,
    path: rows.map((r) => r.shown_difficulty),
  };
}

/**
 * Question ids answered in this session, and those this learner answered anywhere since
 * `since` (epoch ms), in one query.
 */
export function answeredQuestionIds(
  sql: SqlStorage,
  sessionId: string,
  since: number,
): { session: Set<string>; recent: Set<string> } {
  const rows = sql
    .exec<{ question_id: string; mine: number }>(
      "SELECT question_id, session_id = ? AS mine FROM answers WHERE answered_at >= ? OR session_id = ?",
      sessionId,
      since,
      sessionId,
    )
    .toArray();
  return {
    session: new Set(rows.filter((r) => r.mine === 1).map((r) => r.question_id)),
    recent: new Set(rows.map((r) => r.question_id)),
  };
}

/** Where a session stands, without reading the rest of it. */
export function sessionProgress(sql: SqlStorage, id: string): { status: string; position: number } | null {
  return (
    sql
      .exec<{ status: string; position: number }>("SELECT status, position FROM sessions WHERE id = ?", id)
      .toArray()[0] ?? null
  );
}

export function readAbility(sql: SqlStorage, category: string): Ability | null {
  const row = sql
    .exec<{ theta: number; se: number }>("SELECT theta, se FROM abilities WHERE category = ?", category)
    .toArray()[0];
  return row ? { theta: row.theta, se: row.se } : null;
}

export function writeAbility(sql: SqlStorage, category: string, ability: Ability, now: number): void {
  sql.exec(
    `INSERT INTO abilities (category, theta, se, answers, updated_at) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (category) DO UPDATE SET theta = excluded.theta, se = excluded.se, answers = answers + 1,
       updated_at = excluded.updated_at`,
    category,
    ability.theta,
    ability.se,
    now,
  );
}
