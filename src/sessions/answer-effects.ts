import type { GradedAnswer, SessionEvent } from "../../schemas/session-events.ts";
import { answerOutboxEffect, sessionOutboxEffect } from "../answer-stream/outbox/outbox.ts";
import { queueBoardWrites } from "../leaderboards/board-outbox.ts";
import { recordAbilityDay } from "../progress/ability-history.ts";
import { recordProgress, recordSessionProfile } from "../progress/progress-effects.ts";
import { recordReviewCard } from "../reviews/review-card-effect.ts";
import type { AnswerEffect, EffectContext, SessionEffect } from "./effect-types.ts";
import { scheduleAnonymousExpiry } from "./expire-anonymous.ts";

/**
 * The extension seam of grading. Other modules add their effects here (the outbox of the
 * answer stream, review cards, points, streaks, leaderboards); order is list order.
 */
export const ANSWER_EFFECTS: readonly AnswerEffect[] = [
  recordReviewCard,
  recordProgress,
  recordAbilityDay,
  queueBoardWrites,
  answerOutboxEffect,
];

export const SESSION_EFFECTS: readonly SessionEffect[] = [
  recordSessionProfile,
  sessionOutboxEffect,
  scheduleAnonymousExpiry,
];

export function runAnswerEffects(
  effects: readonly AnswerEffect[],
  sql: SqlStorage,
  graded: GradedAnswer,
  ctx: EffectContext,
): void {
  for (const effect of effects) effect(sql, graded, ctx);
}

export function runSessionEffects(
  effects: readonly SessionEffect[],
  sql: SqlStorage,
  event: SessionEvent,
  ctx: EffectContext,
): void {
  for (const effect of effects) effect(sql, event, ctx);
}
