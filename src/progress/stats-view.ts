import type { StatsResponse } from "../../schemas/progress-api.ts";
import { dueCards } from "../reviews/review-card-store.ts";
import { readAbilityHistory } from "./ability-history.ts";
import { masteryLevel } from "./mastery.ts";
import { readProgress } from "./progress-store.ts";
import { visibleStreak } from "./streaks.ts";

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : round3(part / whole));

/** `GET /api/me/stats`, from the learner object's own tables (no origin call). */
export function statsView(sql: SqlStorage, now: number): StatsResponse {
  const progress = readProgress(sql);
  const sessions = sql.exec<{ n: number }>("SELECT count(*) AS n FROM sessions").one().n;
  const perCategory = sql
    .exec<{ category: string; answers: number; correct: number; theta: number | null; se: number | null }>(
      `SELECT a.category, count(*) AS answers, coalesce(sum(a.correct), 0) AS correct, b.theta, b.se
       FROM answers a LEFT JOIN abilities b ON b.category = a.category
       GROUP BY a.category ORDER BY a.category`,
    )
    .toArray();
  const answers = perCategory.reduce((sum, c) => sum + c.answers, 0);
  const correct = perCategory.reduce((sum, c) => sum + c.correct, 0);
  const history = readAbilityHistory(sql);
  return {
    sessions,
    answers,
    correct,
    accuracy: ratio(correct, answers),
    points: progress.points,
    streak: { ...visibleStreak(progress.streak, now, progress.timeZone), timeZone: progress.timeZone },
    reviewsDue: dueCards(sql, now).length,
    categories: perCategory.map((c) => {
      const ability = { theta: round3(c.theta ?? 0), se: round3(c.se ?? 1) };
      return {
        category: c.category,
        ability,
        mastery: masteryLevel({ ...ability, answers: c.answers }),
        answers: c.answers,
        accuracy: ratio(c.correct, c.answers),
        history: (history.get(c.category) ?? []).map((d) => ({ ...d, theta: round3(d.theta), se: round3(d.se) })),
      };
    }),
  };
}
