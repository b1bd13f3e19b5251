import type { AnswerEffect, SessionEffect } from "../sessions/effect-types.ts";
import { answerPoints } from "./points.ts";
import { readProgress, writeProgress } from "./progress-store.ts";
import { recordActivity } from "./streaks.ts";

/** A signed-in learner's answer extends their streak (in their time zone) and adds its points. */
export const recordProgress: AnswerEffect = (sql, graded, ctx) => {
  if (graded.learnerId === null) return;
  const progress = readProgress(sql);
  writeProgress(
    sql,
    {
      ...progress,
      streak: recordActivity(progress.streak, graded.answeredAt, progress.timeZone),
      points: progress.points + answerPoints(graded),
    },
    ctx.now,
  );
};

/** A session start keeps the time zone and display name it came with (each only when given). */
export const recordSessionProfile: SessionEffect = (sql, event, ctx) => {
  if (event.type !== "started" || event.learnerId === null) return;
  if (!event.timeZone && !event.displayName) return;
  const progress = readProgress(sql);
  writeProgress(
    sql,
    {
      ...progress,
      timeZone: event.timeZone ?? progress.timeZone,
      displayName: event.displayName ?? progress.displayName,
    },
    ctx.now,
  );
};
