import type { Question } from "../../../schemas/question.ts";
import type { ValidationRecord } from "../../../schemas/validation.ts";
import type { FingerprintEntry } from "./fingerprint-index.ts";

export interface SinkItem {
  /** Status `active` (accepted) or `review` (held for an editor). */
  question: Question;
  validation: ValidationRecord;
  fingerprint: Omit<FingerprintEntry, "questionId">;
}

/**
 * `stored`: written by this run and source (now, or by an earlier delivery of the same
 * message); `duplicate`: the content hash was already stored by something else.
 */
export type SinkOutcome = "stored" | "duplicate";

/** Where validated questions go. Idempotent by content hash: storing twice stores once. */
export interface QuestionSink {
  store(items: SinkItem[], context: { runId: string; sourceId: string }): Promise<Map<string, SinkOutcome>>;
}
