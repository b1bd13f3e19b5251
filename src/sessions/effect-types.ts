import type { GradedAnswer, SessionEvent } from "../../schemas/session-events.ts";
import type { SessionSettings } from "../adaptive/settings.ts";

// The effect contract lives apart from the list of effects (answer-effects.ts), so the modules
// that implement an effect do not import the module that imports them.

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
