import { defaultSettings } from "../../schemas/config-registry.ts";
import type { EngineName } from "../../schemas/session-api.ts";
import { afterAnswer, type EngineState, initialState, selectionAbility } from "./engine.ts";
import { levelToLogit } from "./item-difficulty.ts";
import { clamp, sigmoid } from "./logistic.ts";
import { type Candidate, selectItem } from "./select-item.ts";
import { type AdaptiveSettings, adaptiveSettings } from "./settings.ts";

/** An item with known 2PL parameters: P(correct) = sigmoid(a (theta - b)). */
export interface SimItem extends Candidate {
  a: number;
  /** Its 1–5 level (the prior an uncalibrated item would get). */
  level: number;
}

export interface SimOptions {
  learners: number;
  items: number;
  answers: number;
  seed: number;
  /** Whether the engine knows the items' calibrated difficulty, or only their 1–5 level. */
  calibrated: boolean;
  settings?: AdaptiveSettings;
}

export interface EngineFigures {
  /** Share of correct answers over answers 6..N, and its distance to the flow threshold. */
  successRate: number;
  successGap: number;
  /** Per checkpoint: RMSE of the ability estimate, the RMSE the Cramér–Rao bound allows, their ratio. */
  rmse: Record<string, { rmse: number; crb: number; ratio: number }>;
}

/** mulberry32: a small seeded generator, so runs are repeatable. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Items spread over the learners' range: b ~ U(-3, 3), discrimination a ~ logNormal(0, 0.3). */
export function simulatedItems(count: number, random: () => number): SimItem[] {
  return Array.from({ length: count }, (_, i) => {
    const b = -3 + 6 * random();
    return { id: `i${i}`, b, a: Math.exp(0.3 * normal(random)), level: Math.round(clamp(3 + b, 1, 5)) };
  });
}

const CHECKPOINTS = [10, 20, 30];
/** Answers before this are the warm-up at the start level; the success rate counts from here. */
const FIRST_COUNTED = 6;

/**
 * Plays simulated learners (theta ~ N(0, 1)) through one session per engine on the same
 * items, starting from the population prior, and measures how well each keeps learners at
 * the flow threshold and how close its estimates come to the Cramér–Rao bound of the items
 * it gave: 1 / sum a^2 P (1 - P) at the true ability.
 */
export function simulateEngine(engine: EngineName, options: SimOptions): EngineFigures {
  const settings = options.settings ?? adaptiveSettings(defaultSettings());
  const random = seededRandom(options.seed);
  const items = simulatedItems(options.items, random);
  const known = items.map((item) => ({ ...item, b: options.calibrated ? item.b : levelToLogit(item.level) }));
  const byId = new Map(items.map((item) => [item.id, item]));
  let counted = 0;
  let successes = 0;
  const sqError = new Map<number, number>(CHECKPOINTS.map((n) => [n, 0]));
  const crb = new Map<number, number>(CHECKPOINTS.map((n) => [n, 0]));
  for (let learner = 0; learner < options.learners; learner++) {
    const theta = normal(random);
    let state: EngineState = initialState(engine, {}, settings);
    const asked = new Set<string>();
    let information = 0;
    for (let n = 1; n <= options.answers; n++) {
      const pick = selectItem(known, selectionAbility(state, settings), settings.flowThreshold, asked, random);
      if (!pick) break;
      asked.add(pick.id);
      const item = byId.get(pick.id) as SimItem;
      const p = sigmoid(item.a * (theta - item.b));
      const correct = random() < p ? 1 : 0;
      information += item.a ** 2 * p * (1 - p);
      state = afterAnswer(state, pick.b, correct, settings);
      if (n >= FIRST_COUNTED) {
        counted += 1;
        successes += correct;
      }
      if (sqError.has(n)) {
        sqError.set(n, (sqError.get(n) ?? 0) + (state.ability.theta - theta) ** 2);
        crb.set(n, (crb.get(n) ?? 0) + 1 / information);
      }
    }
  }
  const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
  const rmse: EngineFigures["rmse"] = {};
  for (const n of CHECKPOINTS) {
    const error = Math.sqrt((sqError.get(n) ?? 0) / options.learners);
    const bound = Math.sqrt((crb.get(n) ?? 0) / options.learners);
    rmse[`after_${n}`] = { rmse: round(error), crb: round(bound), ratio: round(error / bound, 2) };
  }
  const successRate = successes / Math.max(1, counted);
  return { successRate: round(successRate), successGap: round(successRate - settings.flowThreshold), rmse };
}
