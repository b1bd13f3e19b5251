import { daysBetween } from "../progress/time-zone.ts";

/** One category's ability at the end of each day with answers, oldest first. */
export interface AbilitySeries {
  category: string;
  days: { day: string; theta: number }[];
}

export interface ChartPoint {
  x: number;
  y: number;
  day: string;
  theta: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot area inside the axes. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** Horizontal grid lines with their θ labels. */
  grid: { y: number; theta: number }[];
  /** The first and last day on the time axis. */
  span: { first: string; last: string } | null;
  series: { category: string; points: ChartPoint[]; path: string }[];
}

const WIDTH = 640;
const HEIGHT = 260;
const PLOT = { left: 44, right: WIDTH - 16, top: 16, bottom: HEIGHT - 32 };
/** Abilities are shown on the item-difficulty scale of the five levels; beyond it they are pinned to the edge. */
const THETA_RANGE = 3;
const GRID = [-2, -1, 0, 1, 2];

const round1 = (n: number) => Math.round(n * 10) / 10;

function yOf(theta: number): number {
  const clamped = Math.max(-THETA_RANGE, Math.min(THETA_RANGE, theta));
  const share = (THETA_RANGE - clamped) / (2 * THETA_RANGE);
  return round1(PLOT.top + share * (PLOT.bottom - PLOT.top));
}

/**
 * Where the chart of ability per category over time draws its lines: days on a calendar axis
 * shared by every category (a single day sits in the middle), θ from −3 to 3 upwards.
 */
export function abilityChart(series: readonly AbilitySeries[]): ChartGeometry {
  const allDays = series.flatMap((s) => s.days.map((d) => d.day)).sort();
  const first = allDays[0];
  const last = allDays[allDays.length - 1];
  const spanDays = first && last ? daysBetween(first, last) : 0;
  const xOf = (day: string) =>
    spanDays === 0 || !first
      ? round1((PLOT.left + PLOT.right) / 2)
      : round1(PLOT.left + (daysBetween(first, day) / spanDays) * (PLOT.right - PLOT.left));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    grid: GRID.map((theta) => ({ y: yOf(theta), theta })),
    span: first && last ? { first, last } : null,
    series: series
      .filter((s) => s.days.length > 0)
      .map((s) => {
        const points = s.days.map((d) => ({ x: xOf(d.day), y: yOf(d.theta), day: d.day, theta: d.theta }));
        const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
        return { category: s.category, points, path };
      }),
  };
}
