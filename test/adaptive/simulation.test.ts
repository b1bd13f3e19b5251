import { describe, expect, it } from "vitest";
import { simulateEngine } from "../../src/adaptive/simulation.ts";

const options = { learners: 300, items: 300, answers: 30, seed: 7, calibrated: true };

describe("the engines on simulated 2PL learners", () => {
  it("the IRT engine keeps learners near the flow threshold and its estimates near the Cramér–Rao bound", () => {
    const irt = simulateEngine("irt", options);
    expect(Math.abs(irt.successGap)).toBeLessThanOrEqual(0.05);
    for (const checkpoint of Object.values(irt.rmse)) expect(checkpoint.ratio).toBeLessThanOrEqual(1.3);
    expect(irt.rmse.after_30?.rmse).toBeLessThan(irt.rmse.after_10?.rmse as number);
  });

  it("the seed's step rule estimates ability worse (it is what the beta engine replaces)", () => {
    const step = simulateEngine("step", options);
    const irt = simulateEngine("irt", options);
    expect(step.rmse.after_30?.rmse).toBeGreaterThan(irt.rmse.after_30?.rmse as number);
  });

  it("every adaptive setting changes the outcome", () => {
    const base = { flowThreshold: 0.7, difficultyStep: 0.5, adjustmentRate: 0.3, minQuestions: 5 };
    const run = (engine: "irt" | "step", settings: typeof base) => simulateEngine(engine, { ...options, settings });
    expect(run("irt", { ...base, flowThreshold: 0.85 }).successRate).toBeGreaterThan(
      run("irt", base).successRate + 0.05,
    );
    expect(run("step", { ...base, difficultyStep: 1 })).not.toEqual(run("step", base));
    expect(run("step", { ...base, adjustmentRate: 0.8 })).not.toEqual(run("step", base));
    expect(run("irt", { ...base, adjustmentRate: 1 })).not.toEqual(run("irt", base));
    expect(run("irt", { ...base, minQuestions: 15 })).not.toEqual(run("irt", base));
  });
});
