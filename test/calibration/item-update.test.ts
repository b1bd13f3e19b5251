import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { levelToLogit } from "../../src/adaptive/item-difficulty.ts";
import { CALIBRATION_POLICY } from "../../src/calibration/calibration-policy.ts";
import { standardNormal as normal } from "../../src/calibration/calibration-simulation.ts";
import {
  type CalibrationState,
  calibrationToPublish,
  initialState,
  type Observation,
  successProbability,
  updateItem,
} from "../../src/calibration/item-update.ts";
import { prng as seededRandom } from "../../src/seed/draft.ts";

/** Learners with abilities ~ N(0, 1) answer an item of true difficulty `truth`, in batches. */
function simulate(prior: number, truth: number, answers: number, batch: number, seed: number): CalibrationState {
  const random = seededRandom(seed);
  let state = initialState(prior);
  for (let given = 0; given < answers; given += batch) {
    const observations: Observation[] = [];
    for (let i = 0; i < batch; i++) {
      const ability = normal(random);
      observations.push({ ability, correct: random() < successProbability(ability, truth) });
    }
    state = updateItem(state, observations);
  }
  return state;
}

const observation = fc.record({ ability: fc.double({ min: -4, max: 4, noNaN: true }), correct: fc.boolean() });
const state = fc.record({
  estimate: fc.double({ min: -4, max: 4, noNaN: true }),
  variance: fc.double({ min: 0.01, max: 2, noNaN: true }),
  answers: fc.nat(1000),
});

describe("item calibration", () => {
  it("moves a question imported as difficulty 1 but answered like a hard one to a hard estimate", () => {
    const prior = levelToLogit(1);
    const calibrated = simulate(prior, 2, 300, 20, 7);
    expect(prior).toBe(-2);
    expect(calibrated.answers).toBe(300);
    expect(calibrated.estimate).toBeGreaterThan(1.4);
    expect(calibrated.estimate).toBeLessThan(2.6);
    // Its uncertainty shrank from the prior's.
    expect(Math.sqrt(calibrated.variance)).toBeLessThan(0.3);
  });

  it("keeps a well-labelled question near its prior", () => {
    const calibrated = simulate(levelToLogit(3), 0, 300, 20, 11);
    expect(Math.abs(calibrated.estimate)).toBeLessThan(0.4);
  });

  it("a right answer never makes an item harder, a wrong one never easier; the variance never grows", () => {
    fc.assert(
      fc.property(state, observation, (s, o) => {
        const next = updateItem(s, [o]);
        if (o.correct) expect(next.estimate).toBeLessThanOrEqual(s.estimate);
        else expect(next.estimate).toBeGreaterThanOrEqual(s.estimate);
        expect(next.variance).toBeLessThanOrEqual(s.variance);
        expect(next.answers).toBe(s.answers + 1);
      }),
      { seed: 42 },
    );
  });

  it("moves at most maxStep per batch", () => {
    fc.assert(
      fc.property(state, fc.array(observation, { maxLength: 200 }), (s, batch) => {
        expect(Math.abs(updateItem(s, batch).estimate - s.estimate)).toBeLessThanOrEqual(CALIBRATION_POLICY.maxStep);
      }),
      { seed: 42 },
    );
  });

  it("serves the prior until enough answers, then publishes only moves beyond the threshold", () => {
    const few = { estimate: 1.5, variance: 0.1, answers: CALIBRATION_POLICY.minAnswers - 1 };
    expect(calibrationToPublish(few, null)).toBeNull();
    const enough = { ...few, answers: CALIBRATION_POLICY.minAnswers };
    expect(calibrationToPublish(enough, null)).toBe(1.5);
    expect(calibrationToPublish(enough, 1.5 - CALIBRATION_POLICY.publishDelta / 2)).toBeNull();
    expect(calibrationToPublish(enough, 1.5 - CALIBRATION_POLICY.publishDelta * 2)).toBe(1.5);
  });
});
