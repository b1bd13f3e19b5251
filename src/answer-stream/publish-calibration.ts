import { calibrationToPublish } from "../calibration/item-update.ts";
import { setCalibratedDifficulty } from "../questions/question-updates.ts";
import type { WriteDeps } from "../questions/write-through.ts";
import type { CalibratedQuestion } from "./write-batch.ts";

/**
 * Writes the estimates that moved far enough (and rest on enough answers) to the question
 * records through the questions write path. A failure is logged, not thrown: the answers are
 * stored, and the next answers to the question publish it again.
 */
export async function publishCalibration(
  deps: WriteDeps,
  calibrated: readonly CalibratedQuestion[],
): Promise<string[]> {
  const values = calibrated.flatMap((c) => {
    const difficulty = calibrationToPublish(c, c.published);
    return difficulty === null ? [] : [{ id: c.questionId, difficulty }];
  });
  if (values.length === 0) return [];
  try {
    return (await setCalibratedDifficulty(deps, values)).updated;
  } catch (error) {
    console.warn("answers: calibration not published;", error);
    return [];
  }
}
