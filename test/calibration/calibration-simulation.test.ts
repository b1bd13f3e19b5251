import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../schemas/config-registry.ts";
import { adaptiveSettings } from "../../src/adaptive/settings.ts";
import { simulateCalibration } from "../../src/calibration/calibration-simulation.ts";

describe("calibration on a simulated scraped bank", () => {
  it("calibrated items are served closer to their true difficulty than their imported levels put them", () => {
    const settings = adaptiveSettings(defaultSettings());
    const { priorRmse, checkpoints } = simulateCalibration({
      items: 80,
      learners: 200,
      answersPerLearner: 15,
      batch: 50,
      checkpoints: [200],
      seed: 9,
      settings,
    });
    const [last] = checkpoints;
    expect(priorRmse).toBeGreaterThan(0.5);
    expect(last?.calibratedItems).toBeGreaterThan(10);
    expect(last?.calibratedRmse).toBeLessThan((last?.calibratedPriorRmse ?? 0) * 0.7);
    expect(Math.abs((last?.successRate ?? 0) - settings.flowThreshold)).toBeLessThan(0.08);
  });
});
