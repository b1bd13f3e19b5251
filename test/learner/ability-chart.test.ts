import { describe, expect, it } from "vitest";
import { abilityChart } from "../../src/learner/ability-chart.ts";

describe("the ability chart's geometry", () => {
  it("puts days on one calendar axis for every topic, θ upwards, pinned to ±3", () => {
    const chart = abilityChart([
      {
        category: "a",
        days: [
          { day: "2026-11-01", theta: 0 },
          { day: "2026-11-03", theta: 3 },
          { day: "2026-11-05", theta: 9 },
        ],
      },
      { category: "b", days: [{ day: "2026-11-03", theta: -3 }] },
      { category: "empty", days: [] },
    ]);
    const { plot } = chart;
    expect(chart.span).toEqual({ first: "2026-11-01", last: "2026-11-05" });
    expect(chart.series.map((s) => s.category)).toEqual(["a", "b"]);
    const [a, b] = chart.series;
    expect(a?.points.map((p) => p.x)).toEqual([plot.left, (plot.left + plot.right) / 2, plot.right]);
    expect(a?.points.map((p) => p.y)).toEqual([(plot.top + plot.bottom) / 2, plot.top, plot.top]);
    expect(a?.path).toBe(`M${plot.left} ${(plot.top + plot.bottom) / 2} L334 ${plot.top} L${plot.right} ${plot.top}`);
    expect(b?.points).toEqual([{ x: 334, y: plot.bottom, day: "2026-11-03", theta: -3 }]);
    expect(chart.grid.find((g) => g.theta === 0)?.y).toBe((plot.top + plot.bottom) / 2);
  });

  it("draws a single day in the middle, and nothing without history", () => {
    const one = abilityChart([{ category: "a", days: [{ day: "2026-11-01", theta: 1 }] }]);
    expect(one.series[0]?.points[0]?.x).toBe((one.plot.left + one.plot.right) / 2);
    expect(abilityChart([]).span).toBeNull();
  });
});
