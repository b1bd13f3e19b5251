import { Cron } from "croner";

/**
 * The latest time at or before `now` that the 5-field cron expression (UTC) names, or null
 * when it names none (an expression for a date that never comes).
 */
export function latestDueTime(expression: string, now: Date): Date | null {
  const cron = new Cron(expression, { paused: true, timezone: "UTC" });
  // Whole minutes: a tick delivered at 06:00:00.250 is still the 06:00 run.
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  if (cron.match(minute)) return minute;
  return cron.previousRuns(1, minute)[0] ?? null;
}
