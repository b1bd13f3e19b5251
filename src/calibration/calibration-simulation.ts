import { afterAnswer, initialState, selectionAbility } from "../adaptive/engine.ts";
import { itemDifficulty, levelToLogit } from "../adaptive/item-difficulty.ts";
import { clamp, sigmoid } from "../adaptive/logistic.ts";
import { selectItem } from "../adaptive/select-item.ts";
import type { AdaptiveSettings } from "../adaptive/settings.ts";
import { prng } from "../seed/draft.ts";
import { type CalibrationState, calibrationToPublish, initialState as itemState, updateItem } from "./item-update.ts";

export interface CalibrationSimOptions {
  items: number;
  learners: number;
  answersPerLearner: number;
  /** Answers per consumer batch: the estimates move, and are published, once per batch. */
  batch: number;
  /** Learner counts after which the figures are taken. */
  checkpoints: number[];
  seed: number;
  settings: AdaptiveSettings;
}

export interface CalibrationCheckpoint {
  learners: number;
  /** RMSE against the true difficulty of what the engine serves (published value, else the prior). */
  servedRmse: number;
  /** RMSE of the running estimates (the prior where an item has no answer yet). */
  estimateRmse: number;
  /** Items served with a calibrated value. */
  calibratedItems: number;
  /** Over those items: RMSE of the served (calibrated) value, and of their level priors. */
  calibratedRmse: number;
  calibratedPriorRmse: number;
  /** Share correct over answers 6.. of the learners since the previous checkpoint. */
  successRate: number;
}

export interface CalibrationSimFigures {
  /** RMSE of the 1–5 priors alone, before any answer. */
  priorRmse: number;
  checkpoints: CalibrationCheckpoint[];
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface SimItem {
  id: string;
  /** True 2PL parameters. */
  b: number;
  a: number;
  /** The imported level: a scraped bank's label, one level of noise around the truth. */
  difficulty: number;
  calibratedDifficulty: number | null;
  state: CalibrationState;
}

const FIRST_COUNTED = 6;

function rmse(values: number[]): number {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0) / Math.max(1, values.length));
}

/**
 * A freshly scraped bank with no calibration: items with known 2PL parameters (b ~ U(-3, 3),
 * a ~ logNormal(0, 0.3)) labelled 1–5 with a level of noise. Learners (θ ~ N(0, 1)) take
 * adaptive sessions one after another; their answers go through the stream's calibration
 * (updateItem per batch, against the engine's ability estimate at answer time) and
 * published values reach the engine as the consumer would publish them.
 */
export function simulateCalibration(options: CalibrationSimOptions): CalibrationSimFigures {
  const random = prng(options.seed);
  const items: SimItem[] = Array.from({ length: options.items }, (_, i) => {
    const b = -3 + 6 * random();
    const difficulty = Math.round(clamp(3 + b + standardNormal(random), 1, 5));
    return {
      id: `i${i}`,
      b,
      a: Math.exp(0.3 * standardNormal(random)),
      difficulty,
      calibratedDifficulty: null,
      state: itemState(levelToLogit(difficulty)),
    };
  });
  const byId = new Map(items.map((item) => [item.id, item]));
  const pending = new Map<string, { ability: number; correct: boolean }[]>();
  let inBatch = 0;
  const flush = () => {
    for (const [id, observations] of pending) {
      const item = byId.get(id) as SimItem;
      item.state = updateItem(item.state, observations);
      item.calibratedDifficulty =
        calibrationToPublish(item.state, item.calibratedDifficulty) ?? item.calibratedDifficulty;
    }
    pending.clear();
    inBatch = 0;
  };
  const priorRmse = rmse(items.map((item) => levelToLogit(item.difficulty) - item.b));
  const checkpoints: CalibrationCheckpoint[] = [];
  let counted = 0;
  let successes = 0;
  for (let learner = 1; learner <= options.learners; learner++) {
    const theta = standardNormal(random);
    let state = initialState("irt", {}, options.settings);
    const asked = new Set<string>();
    for (let n = 1; n <= options.answersPerLearner; n++) {
      const candidates = items.map((item) => ({ id: item.id, b: itemDifficulty(item) }));
      const pick = selectItem(
        candidates,
        selectionAbility(state, options.settings),
        options.settings.flowThreshold,
        asked,
        random,
      );
      if (!pick) break;
      asked.add(pick.id);
      const item = byId.get(pick.id) as SimItem;
      const correct = random() < sigmoid(item.a * (theta - item.b));
      pending.set(item.id, [...(pending.get(item.id) ?? []), { ability: state.ability.theta, correct }]);
      state = afterAnswer(state, pick.b, correct ? 1 : 0, options.settings);
      if (n >= FIRST_COUNTED) {
        counted++;
        if (correct) successes++;
      }
      if (++inBatch >= options.batch) flush();
    }
    if (options.checkpoints.includes(learner)) {
      flush();
      const calibrated = items.filter((item) => item.calibratedDifficulty !== null);
      checkpoints.push({
        learners: learner,
        servedRmse: round(rmse(items.map((item) => itemDifficulty(item) - item.b))),
        estimateRmse: round(rmse(items.map((item) => item.state.estimate - item.b))),
        calibratedItems: calibrated.length,
        calibratedRmse: round(rmse(calibrated.map((item) => itemDifficulty(item) - item.b))),
        calibratedPriorRmse: round(rmse(calibrated.map((item) => levelToLogit(item.difficulty) - item.b))),
        successRate: round(successes / Math.max(1, counted)),
      });
      counted = 0;
      successes = 0;
    }
  }
  return { priorRmse: round(priorRmse), checkpoints };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
