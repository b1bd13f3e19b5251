import { describe, expect, it } from "vitest";
import { updateAbility } from "../../src/adaptive/ability.ts";
import { afterAnswer, initialState, selectionAbility, shownDifficulty } from "../../src/adaptive/engine.ts";
import { itemDifficulty } from "../../src/adaptive/item-difficulty.ts";
import { selectItem } from "../../src/adaptive/select-item.ts";
import type { AdaptiveSettings } from "../../src/adaptive/settings.ts";

const settings: AdaptiveSettings = { flowThreshold: 0.7, difficultyStep: 0.5, adjustmentRate: 0.3, minQuestions: 5 };

describe("the adaptive engine", () => {
  it("reads a calibrated difficulty when there is one, else the prior of the level", () => {
    expect(itemDifficulty({ difficulty: 3 })).toBe(0);
    expect(itemDifficulty({ difficulty: 5 })).toBe(2);
    expect(itemDifficulty({ difficulty: 1, calibration: null })).toBe(-2);
    expect(itemDifficulty({ difficulty: 1, calibration: { logit: 0.4 } })).toBe(0.4);
  });

  it("starts from the requested level and shows it", () => {
    const state = initialState("irt", { level: 4 }, settings);
    expect(shownDifficulty(state, settings)).toBe(4);
    expect(initialState("step", { level: 2.5 }, settings).level).toBe(2.5);
  });

  it("moves ability up on success and down on failure, with a shrinking step", () => {
    let ability = { theta: 0, se: 1 };
    const steps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const next = updateAbility(ability, 0, 1, 0);
      steps.push(next.theta - ability.theta);
      ability = { theta: 0, se: next.se };
    }
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1] as number);
    expect(updateAbility({ theta: 0, se: 1 }, 0, 0, 0).theta).toBeLessThan(0);
  });

  it("keeps selecting at the start level until min_questions answers are in", () => {
    let state = initialState("irt", { level: 3 }, settings);
    for (let i = 0; i < 4; i++) state = afterAnswer(state, 0, 1, settings);
    expect(selectionAbility(state, settings)).toBe(state.startTheta);
    state = afterAnswer(state, 0, 1, settings);
    expect(selectionAbility(state, settings)).toBe(state.ability.theta);
    expect(shownDifficulty(state, settings)).toBeGreaterThan(3);
  });

  it("the seed rule moves the level by the step around the flow threshold", () => {
    let state = initialState("step", { level: 3 }, settings);
    for (let i = 0; i < 5; i++) state = afterAnswer(state, 0, 1, settings);
    expect(state.level).toBe(3.5);
    // The running accuracy (0.95) drops below 0.7 with one miss: down a step.
    state = afterAnswer(state, 0, 0, settings);
    expect(state.level).toBe(3);
    state = afterAnswer(state, 0, 1, settings);
    expect(state.level).toBe(3.5);
  });

  it("selects the item nearest the flow threshold, at random among the few nearest, skipping excluded ones", () => {
    const items = [-3, -2, -1, -0.2, 0, 0.2, 1, 2, 3].map((b, i) => ({ id: `i${i}`, b }));
    const theta = Math.log(0.7 / 0.3); // P(correct) = 0.7 at b = 0
    const picks = new Set<string>();
    for (let r = 0; r < 1; r += 0.05) picks.add(selectItem(items, theta, 0.7, new Set(), () => r, 3)?.id as string);
    expect([...picks].sort()).toEqual(["i3", "i4", "i5"]);
    expect(selectItem(items, theta, 0.7, new Set(["i4"]), () => 0, 1)?.id).not.toBe("i4");
    expect(selectItem(items, theta, 0.7, new Set(items.map((i) => i.id)))).toBeNull();
  });
});

describe("selection among ties", () => {
  it("draws from every candidate tied with the nearest, not the first few in bank order", () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, b: -1 }));
    const theta = -1 + Math.log(0.7 / 0.3);
    const picks = new Set<string>();
    for (let r = 0; r < 1; r += 0.01) picks.add(selectItem(items, theta, 0.7, new Set(), () => r)?.id as string);
    expect(picks.size).toBe(40);
  });
});
