export const PERIODS = ["daily", "weekly", "all-time"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

/** The start (epoch ms, UTC) of the period containing `atMs`; ISO weeks start on Monday. */
export function periodStart(period: Period, atMs: number): number {
  if (period === "all-time") return 0;
  const day = Math.floor(atMs / DAY_MS) * DAY_MS;
  if (period === "daily") return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

/** The ISO 8601 week of a UTC day: the year of its Thursday, and that Thursday's week number. */
function isoWeek(atMs: number): string {
  const thursday = new Date(periodStart("weekly", atMs) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The name of the period containing `atMs`: `2026-12-01`, `2026-W49` or `all`. */
export function periodId(period: Period, atMs: number): string {
  if (period === "all-time") return "all";
  if (period === "daily") return new Date(periodStart("daily", atMs)).toISOString().slice(0, 10);
  return isoWeek(atMs);
}

/** The Redis key of a board: `lb:daily:2026-12-01`, `lb:weekly:2026-W49:c:geography`, `lb:all-time:all`. */
export function boardKey(period: Period, atMs: number, category?: string | null): string {
  const base = `lb:${period}:${periodId(period, atMs)}`;
  return category ? `${base}:c:${encodeURIComponent(category)}` : base;
}

/**
 * How long a board's key lives after a write, in seconds: to the end of its period plus as long
 * again (yesterday's board can still be read today), none for all-time.
 */
export function boardTtlS(period: Period, atMs: number): number | null {
  if (period === "all-time") return null;
  const length = period === "daily" ? DAY_MS : 7 * DAY_MS;
  const end = periodStart(period, atMs) + length;
  return Math.ceil((end + length - atMs) / 1000);
}
