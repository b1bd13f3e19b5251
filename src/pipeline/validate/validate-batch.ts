import type { Candidate, ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import type { Question } from "../../../schemas/question.ts";
import type { PipelineError, RunCounts } from "../../../schemas/scrape-run.ts";
import type { ValidationRecord } from "../../../schemas/validation.ts";
import { recordProgress } from "../runs/run-progress.ts";
import type { QuestionSink, SinkItem } from "../store/question-sink.ts";
import { decide } from "./decide.ts";
import type { QuestionValidator, ValidationOutcome } from "./validate-question.ts";

export interface ValidateDeps {
  db: D1Database;
  sink: QuestionSink;
  validator: Pick<QuestionValidator, "validate">;
  /** `ai.min_quality_score`. */
  minQualityScore: number;
  bandKeys: (simhash: string) => number[];
  now?: () => Date;
}

/** Questions validated at once within a batch: model calls overlap, within Workers' connection limit. */
const CONCURRENCY = 4;

export function validateReceiptKey(runId: string, sourceId: string, batch: number): string {
  return `validate:${runId}:${sourceId}:${batch}`;
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

function sinkItem(
  c: Candidate,
  outcome: ValidationOutcome,
  message: ValidateMessage,
  minQualityScore: number,
  now: string,
): SinkItem {
  const { decision, reasons } = decide(outcome.verdict, { minQualityScore, nearDuplicateOf: c.nearDuplicateOf });
  const question: Question = {
    id: c.id,
    type: c.type,
    text: c.text,
    choices: c.choices,
    answer: c.answer,
    explanation: c.explanation,
    category: c.category,
    tags: c.tags,
    difficulty: c.difficulty ?? outcome.verdict.suggestedDifficulty,
    bloomLevel: outcome.verdict.bloomLevel,
    language: c.language,
    mediaKeys: c.mediaKeys,
    explanationMediaKeys: c.explanationMediaKeys,
    source: message.sourceId,
    contentHash: c.contentHash,
    status: decision === "accepted" ? "active" : "review",
    calibratedDifficulty: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const validation: ValidationRecord = {
    validator: outcome.validator,
    model: outcome.model,
    promptVersion: outcome.promptVersion,
    verdict: outcome.verdict,
    decision,
    reasons,
    nearDuplicateOf: c.nearDuplicateOf,
    notes: outcome.notes,
    tokens: outcome.tokens,
    runId: message.runId,
    sourceId: message.sourceId,
    validatedAt: now,
    reviewedBy: null,
    reviewedAt: null,
  };
  return { question, validation, fingerprint: { contentHash: c.contentHash, simhash: c.simhash, bandKeys: [] } };
}

/**
 * Validates a batch of candidates, stores them (accepted ones for learners, the rest for
 * review) and records the counts once. A store failure throws, so the message is retried;
 * storing is idempotent by content hash, so a retry never stores a question twice.
 */
export async function validateBatch(message: ValidateMessage, deps: ValidateDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const receiptKey = validateReceiptKey(message.runId, message.sourceId, message.batch);
  const done = await deps.db.prepare("SELECT 1 FROM pipeline_receipts WHERE key = ?1").bind(receiptKey).first();
  if (done) return;

  const outcomes = await mapLimited(message.candidates, CONCURRENCY, (c) => deps.validator.validate(c));
  const stamp = now().toISOString();
  const items = message.candidates.map((c, i) => {
    const item = sinkItem(c, outcomes[i] as ValidationOutcome, message, deps.minQualityScore, stamp);
    item.fingerprint.bandKeys = deps.bandKeys(c.simhash);
    return item;
  });
  const stored = await deps.sink.store(items, { runId: message.runId, sourceId: message.sourceId });

  const counts: Partial<RunCounts> = { accepted: 0, rejected: 0, review: 0, duplicates: 0 };
  const add = (name: keyof RunCounts) => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  for (const item of items) {
    if (stored.get(item.question.contentHash) !== "stored") add("duplicates");
    else if (item.validation.decision === "accepted") add("accepted");
    else if (item.validation.decision === "rejected") add("rejected");
    else add("review");
  }
  const notes = new Set(outcomes.flatMap((o) => o.notes));
  const errors: PipelineError[] = [...notes].slice(0, 5).map((note) => ({ stage: "validate", message: note }));
  await recordProgress(deps.db, {
    runId: message.runId,
    sourceId: message.sourceId,
    receiptKey,
    progress: { counts, errors, batchDone: true },
    now: now().toISOString(),
  });
}
