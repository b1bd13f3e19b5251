import type { StreakState } from "./streaks.ts";
import { DEFAULT_TIME_ZONE } from "./time-zone.ts";

export interface LearnerProgress {
  timeZone: string;
  displayName: string | null;
  streak: StreakState;
  points: number;
}

type Row = {
  time_zone: string;
  display_name: string | null;
  streak_current: number;
  streak_best: number;
  streak_last_day: string | null;
  points: number;
};

export function readProgress(sql: SqlStorage): LearnerProgress {
  const row = sql.exec<Row>("SELECT * FROM learner_progress WHERE id = 1").toArray()[0];
  if (!row) {
    return {
      timeZone: DEFAULT_TIME_ZONE,
      displayName: null,
      streak: { current: 0, best: 0, lastDay: null },
      points: 0,
    };
  }
  return {
    timeZone: row.time_zone,
    displayName: row.display_name,
    streak: { current: row.streak_current, best: row.streak_best, lastDay: row.streak_last_day },
    points: row.points,
  };
}

export function writeProgress(sql: SqlStorage, progress: LearnerProgress, now: number): void {
  sql.exec(
    `INSERT INTO learner_progress (id, time_zone, display_name, streak_current, streak_best, streak_last_day, points, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone, display_name = excluded.display_name,
       streak_current = excluded.streak_current, streak_best = excluded.streak_best,
       streak_last_day = excluded.streak_last_day, points = excluded.points, updated_at = excluded.updated_at`,
    progress.timeZone,
    progress.displayName,
    progress.streak.current,
    progress.streak.best,
    progress.streak.lastDay,
    progress.points,
    now,
  );
}
