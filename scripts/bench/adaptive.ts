/**
 * `npm run bench:adaptive`: the IRT engine and the seed's step rule on the same simulated
 * learners and 2PL items (src/adaptive/simulation.ts), with the default adaptive settings.
 * Writes "adaptive" into test/bench/results.json, keeping every other key.
 */
import { readFile, writeFile } from "node:fs/promises";
import { defaultSettings } from "../../schemas/config-registry.ts";
import { adaptiveSettings } from "../../src/adaptive/settings.ts";
import { simulateEngine } from "../../src/adaptive/simulation.ts";

const RESULTS = new URL("../../test/bench/results.json", import.meta.url).pathname;
const OPTIONS = { learners: 2000, items: 600, answers: 30, seed: 20261201 };

const settings = adaptiveSettings(defaultSettings());
const run = (calibrated: boolean) => ({
  irt: simulateEngine("irt", { ...OPTIONS, calibrated, settings }),
  step: simulateEngine("step", { ...OPTIONS, calibrated, settings }),
});

const adaptive = {
  measuredAt: new Date().toISOString(),
  setup: {
    ...OPTIONS,
    learnerAbility: "theta ~ N(0, 1); sessions start from the population prior (no requested level)",
    items: "2PL: b ~ U(-3, 3), a ~ logNormal(0, 0.3); level = round(3 + b) clamped to 1..5",
    settings,
    successRate: "share correct over answers 6..30; target within 0.05 of flow_threshold",
    rmse: "ability RMSE after n answers; crb = sqrt(mean Cramér–Rao bound of the items given, at the true ability); target ratio <= 1.3",
  },
  calibrated: run(true),
  levelPriorOnly: run(false),
};

const results = JSON.parse(await readFile(RESULTS, "utf8").catch(() => "{}")) as Record<string, unknown>;
results.adaptive = adaptive;
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify({ calibrated: adaptive.calibrated, levelPriorOnly: adaptive.levelPriorOnly }, null, 2));
