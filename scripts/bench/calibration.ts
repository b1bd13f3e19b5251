/**
 * `npm run bench:calibration`: item calibration from the answer stream on a simulated, freshly
 * scraped bank (src/calibration/calibration-simulation.ts): item-difficulty RMSE after 50, 200
 * and 1,000 learners, and the engine's success rate against `adaptive.flow_threshold` as
 * calibration arrives. Writes "calibration" into test/bench/results.json, keeping every other key.
 */
import { readFile, writeFile } from "node:fs/promises";
import { defaultSettings } from "../../schemas/config-registry.ts";
import { adaptiveSettings } from "../../src/adaptive/settings.ts";
import { CALIBRATION_POLICY } from "../../src/calibration/calibration-policy.ts";
import { simulateCalibration } from "../../src/calibration/calibration-simulation.ts";

const RESULTS = new URL("../../test/bench/results.json", import.meta.url).pathname;
const OPTIONS = {
  items: 300,
  learners: 1000,
  answersPerLearner: 20,
  batch: 100,
  checkpoints: [50, 200, 1000],
  seed: 20261201,
  settings: adaptiveSettings(defaultSettings()),
};

const figures = simulateCalibration(OPTIONS);
const calibration = {
  measuredAt: new Date().toISOString(),
  setup: {
    ...OPTIONS,
    items: `${OPTIONS.items} items, 2PL: b ~ U(-3, 3), a ~ logNormal(0, 0.3); imported level = round(3 + b + N(0, 1)) clamped to 1..5`,
    learners: `${OPTIONS.learners} learners one after another, theta ~ N(0, 1), ${OPTIONS.answersPerLearner} answers each, IRT engine from the population prior`,
    calibration: { ...CALIBRATION_POLICY, batch: OPTIONS.batch },
    servedRmse:
      "RMSE of the difficulty the engine selects with (published calibration, else the level prior) against the truth",
    successRate: "share correct over answers 6..20 of the learners since the previous checkpoint",
  },
  ...figures,
};
const results = JSON.parse(await readFile(RESULTS, "utf8").catch(() => "{}")) as Record<string, unknown>;
results.calibration = calibration;
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(figures, null, 2));
