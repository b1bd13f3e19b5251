import type { GradedAnswer, SessionEvent } from "../../schemas/session-events.ts";
import type { SessionSettings } from "../adaptive/settings.ts";
import { answerOutboxEffect, sessionOutboxEffect } from "../answer-stream/outbox/outbox.ts";
import { queueBoardWrites } from "../leaderboards/board-outbox.ts";
import { recordAbilityDay } from "../progress/ability-history.ts";
import { recordProgress, recordSessionProfile } from "../progress/progress-effects.ts";
import { recordReviewCard } from "../reviews/review-card-effect.ts";

/** What an effect may use besides the object's SQL: its storage, bindings and the clock. */
export interface EffectContext {
  storage: DurableObjectStorage;
  env: Env;
  /** Epoch ms of the grading (or of the session event). */
  now: number;
  /** Asks for an alarm at `at` (epoch ms); the object sets the earliest one asked for after the commit. */
  wakeAt(at: number): void;
  /** The caller's settings for this call (spaced repetition, retention...). */
  settings: SessionSettings;
  /** Runs `task` after the commit, in the object's `waitUntil` (never delaying the reply). */
  afterCommit(task: () => Promise<void>): void;
}

/**
 * Runs after an answer is graded, inside the same synchronous storage transaction that
 * records it: whatever it writes commits with the answer, or nothing does. It must not await.
 */
export type AnswerEffect = (sql: SqlStorage, graded: GradedAnswer, ctx: EffectContext) => void;

/** Likewise when a session starts or finishes. */
export type SessionEffect = (sql: SqlStorage, event: SessionEvent, ctx: EffectContext) => void;

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

export const SESSION_EFFECTS: readonly SessionEffect[] = [recordSessionProfile, sessionOutboxEffect];

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
