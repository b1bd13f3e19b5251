import { toPublicQuestion } from "../../../schemas/question.ts";
import type { SessionState, SessionSummary } from "../../../schemas/session-api.ts";
import { shownDifficulty } from "../../adaptive/engine.ts";
import type { AdaptiveSettings } from "../../adaptive/settings.ts";
import { readAbility, type StoredSession, tallySession } from "../storage/session-store.ts";

/** Abilities are shown to three decimals: enough for a learner, stable in stored responses. */
export function rounded(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The learner view of a session: its state and the current question, never the answer key. */
export function sessionState(session: StoredSession, settings: AdaptiveSettings): SessionState {
  return {
    id: session.id,
    category: session.category,
    language: session.language,
    mode: session.mode,
    length: session.length,
    position: session.position,
    finished: session.status === "finished",
    difficulty: shownDifficulty(session.engine, settings),
    ability: { theta: rounded(session.engine.ability.theta), se: rounded(session.engine.ability.se) },
    question: session.status === "active" && session.current ? toPublicQuestion(session.current) : null,
    startedAt: new Date(session.startedAt).toISOString(),
  };
}

export function sessionSummary(sql: SqlStorage, session: StoredSession): SessionSummary {
  const tally = tallySession(sql, session.id);
  const ability = readAbility(sql, session.category) ?? session.engine.ability;
  const finishedAt = session.finishedAt ?? session.startedAt;
  return {
    id: session.id,
    category: session.category,
    mode: session.mode,
    answered: tally.answered,
    correct: tally.correct,
    accuracy: tally.answered === 0 ? 0 : rounded(tally.correct / tally.answered),
    durationMs: Math.max(0, finishedAt - session.startedAt),
    difficultyPath: tally.path,
    abilities: { [session.category]: { theta: rounded(ability.theta), se: rounded(ability.se) } },
    startedAt: new Date(session.startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
  };
}
