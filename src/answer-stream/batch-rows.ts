import type { AnswerStreamEvent } from "../../schemas/answer-events.ts";

/** An `answers` row as the write statement reads it from JSON (snake_case, the table's columns). */
export interface AnswerRowJson {
  id: string;
  session_id: string;
  user_id: string | null;
  question_id: string;
  category: string;
  correct: boolean;
  score: number;
  response: unknown;
  item_difficulty: number;
  ability_before: number;
  ability_after: number;
  response_ms: number | null;
  answered_at: string;
}

/** A `quiz_sessions` row; the `ended_at`… fields are null until `session.finished`. */
export interface SessionRowJson {
  id: string;
  user_id: string | null;
  category: string | null;
  mode: string;
  length: number;
  started_at: string;
  ended_at: string | null;
  answered: number | null;
  correct: number | null;
}

export interface BatchRows {
  answers: AnswerRowJson[];
  sessions: SessionRowJson[];
}

/**
 * The rows a batch of events writes: one per answer id, one per session (a start and a finish
 * of the same session in one batch merge, the finish winning), since one INSERT may not touch
 * a row twice.
 */
export function batchRows(events: readonly AnswerStreamEvent[]): BatchRows {
  const answers = new Map<string, AnswerRowJson>();
  const sessions = new Map<string, SessionRowJson>();
  for (const e of events) {
    if (e.type === "answer.graded") {
      answers.set(e.id, {
        id: e.id,
        session_id: e.sessionId,
        user_id: e.learnerId,
        question_id: e.questionId,
        category: e.category,
        correct: e.correct,
        score: e.score,
        response: e.response,
        item_difficulty: e.itemDifficulty,
        ability_before: e.abilityBefore,
        ability_after: e.abilityAfter,
        response_ms: e.elapsedMs,
        answered_at: e.answeredAt,
      });
      continue;
    }
    const known = sessions.get(e.sessionId);
    if (known?.ended_at && e.type === "session.started") continue;
    const finished = e.type === "session.finished";
    sessions.set(e.sessionId, {
      id: e.sessionId,
      user_id: e.learnerId,
      category: e.category,
      mode: e.mode,
      length: e.length,
      started_at: e.startedAt,
      ended_at: finished ? e.finishedAt : null,
      answered: finished ? e.answered : null,
      correct: finished ? e.correct : null,
    });
  }
  return { answers: [...answers.values()], sessions: [...sessions.values()] };
}
