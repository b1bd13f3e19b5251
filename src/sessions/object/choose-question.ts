import type { Question } from "../../../schemas/question.ts";
import { type EngineState, selectionAbility } from "../../adaptive/engine.ts";
import { selectItem } from "../../adaptive/select-item.ts";
import type { AdaptiveSettings } from "../../adaptive/settings.ts";
import type { QuestionSource } from "./question-source.ts";

/** A candidate can have left the bank since the pool was read: try a few others. */
const ATTEMPTS = 3;

export interface ChoiceScope {
  category: string;
  language: string | null;
  /** Answered recently by this learner (skipped while others remain). */
  recent: ReadonlySet<string>;
  /** Already asked in this session (never asked again). */
  session: ReadonlySet<string>;
}

/**
 * The next question for a session: the engine's pick among the category's questions, skipping
 * recently answered ones while any others remain. Null when the pool is exhausted.
 */
export async function chooseQuestion(
  source: QuestionSource,
  scope: ChoiceScope,
  state: EngineState,
  settings: AdaptiveSettings,
  random: () => number = Math.random,
): Promise<Question | null> {
  const pool = await source.pool(scope.category, scope.language);
  const theta = selectionAbility(state, settings);
  const exclude = new Set([...scope.recent, ...scope.session]);
  if (!pool.some((item) => !exclude.has(item.id))) {
    exclude.clear();
    for (const id of scope.session) exclude.add(id);
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const pick = selectItem(pool, theta, settings.flowThreshold, exclude, random);
    if (!pick) return null;
    const question = await source.question(pick.id);
    if (question) return question;
    exclude.add(pick.id);
  }
  return null;
}
