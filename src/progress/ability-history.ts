import type { AnswerEffect } from "../sessions/effect-types.ts";
import { readProgress } from "./progress-store.ts";
import { localDay } from "./time-zone.ts";

/** Days of history the stats keep per category (the chart's span). */
export const HISTORY_DAYS = 30;

export type AbilityDay = {
  /** The learner's calendar day, YYYY-MM-DD. */
  day: string;
  theta: number;
  se: number;
  /** Answers in the category that day. */
  answers: number;
};

/** A signed-in learner's answer sets the day's ability in its category (in their time zone). */
export const recordAbilityDay: AnswerEffect = (sql, graded) => {
  if (graded.learnerId === null) return;
  const day = localDay(graded.answeredAt, readProgress(sql).timeZone);
  sql.exec(
    `INSERT INTO ability_days (category, day, theta, se, answers) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (category, day) DO UPDATE SET theta = excluded.theta, se = excluded.se, answers = answers + 1`,
    graded.category,
    day,
    graded.abilityAfter.theta,
    graded.abilityAfter.se,
  );
};

/** The last HISTORY_DAYS days with answers of every category, oldest first. */
export function readAbilityHistory(sql: SqlStorage): Map<string, AbilityDay[]> {
  const rows = sql
    .exec<AbilityDay & { category: string }>(
      `SELECT category, day, theta, se, answers FROM (
         SELECT *, row_number() OVER (PARTITION BY category ORDER BY day DESC) AS k FROM ability_days
       ) WHERE k <= ? ORDER BY category, day`,
      HISTORY_DAYS,
    )
    .toArray();
  const history = new Map<string, AbilityDay[]>();
  for (const { category, ...day } of rows) {
    const days = history.get(category) ?? [];
    days.push(day);
    history.set(category, days);
  }
  return history;
}
