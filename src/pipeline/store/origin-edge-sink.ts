import { eq, inArray } from "drizzle-orm";
import { questionValidations } from "../../../schemas/origin-pipeline-tables.ts";
import { questions as originQuestions } from "../../../schemas/origin-tables.ts";
import type { Question } from "../../../schemas/question.ts";
import type { ValidationRecord } from "../../../schemas/validation.ts";
import type { OriginConnection } from "../../origin/client.ts";
import type { PurgeEnv } from "../../questions/purge-questions.ts";
import { insertNewQuestions } from "../../questions/upsert-questions.ts";
import { propagateWrites } from "../../questions/write-through.ts";
import type { BandIndex } from "./band-index.ts";
import { indexFingerprints } from "./fingerprint-index.ts";
import type { QuestionSink, SinkItem, SinkOutcome } from "./question-sink.ts";

export function validationRow(questionId: string, v: ValidationRecord): typeof questionValidations.$inferInsert {
  return {
    questionId,
    validator: v.validator,
    model: v.model,
    promptVersion: v.promptVersion,
    bloomLevel: v.verdict.bloomLevel,
    qualityScore: v.verdict.qualityScore,
    answerKeyCorrect: v.verdict.answerKeyCorrect ? 1 : 0,
    issues: v.verdict.issues,
    suggestedDifficulty: v.verdict.suggestedDifficulty,
    decision: v.decision,
    reasons: v.reasons,
    nearDuplicateOf: v.nearDuplicateOf,
    notes: v.notes,
    tokens: v.tokens,
    runId: v.runId,
    sourceId: v.sourceId,
    validatedAt: v.validatedAt,
  };
}

export interface OriginEdgeSinkDeps {
  origin: OriginConnection;
  /** D1 (edge copy and duplicate index), KV and the origin binding, for the cache purge. */
  env: PurgeEnv;
  /** The near-duplicate band index. */
  bands: BandIndex;
  ctx?: Pick<ExecutionContext, "waitUntil">;
  now?: () => Date;
}

/**
 * Writes to the origin first (the source of truth) through the questions module, with the
 * validation records in the same transaction, then through the questions write path (D1
 * copy, cache purge), then the duplicate index. Every step is keyed by content hash
 * and conflict-tolerant, so a retried batch finishes what an interrupted one started.
 */
export function originEdgeSink(deps: OriginEdgeSinkDeps): QuestionSink {
  const now = deps.now ?? (() => new Date());
  return {
    async store(items, context) {
      const outcomes = new Map<string, SinkOutcome>();
      if (items.length === 0) return outcomes;
      const byHash = new Map(items.map((item) => [item.question.contentHash, item]));
      const unique = [...byHash.values()];

      await deps.origin.db.transaction(async (tx) => {
        const inserted = await insertNewQuestions(
          tx,
          unique.map((i) => i.question),
        );
        const validations = inserted.map((row) =>
          validationRow(row.id, (byHash.get(row.contentHash) as SinkItem).validation),
        );
        if (validations.length > 0) await tx.insert(questionValidations).values(validations).onConflictDoNothing();
      });

      const stored = await deps.origin.db
        .select({
          id: originQuestions.id,
          contentHash: originQuestions.contentHash,
          status: originQuestions.status,
          runId: questionValidations.runId,
          sourceId: questionValidations.sourceId,
        })
        .from(originQuestions)
        .leftJoin(questionValidations, eq(questionValidations.questionId, originQuestions.id))
        .where(
          inArray(
            originQuestions.contentHash,
            unique.map((i) => i.question.contentHash),
          ),
        );

      const toEdge: Question[] = [];
      const fingerprints = [];
      for (const row of stored) {
        const item = byHash.get(row.contentHash) as SinkItem;
        const ours = row.runId === context.runId && row.sourceId === context.sourceId && row.id === item.question.id;
        outcomes.set(row.contentHash, ours ? "stored" : "duplicate");
        // The edge copy mirrors the origin in every status; its read tier serves active ones only.
        if (ours) toEdge.push(item.question);
        fingerprints.push({ ...item.fingerprint, questionId: row.id });
      }
      // Same id, different content (a clash on the id alone): nothing was stored for it.
      for (const item of unique)
        if (!outcomes.has(item.question.contentHash)) outcomes.set(item.question.contentHash, "duplicate");

      // The write path: D1 copy, then every cache tier purged for these ids.
      await propagateWrites({ env: deps.env, origin: deps.origin, ctx: deps.ctx }, toEdge);
      await indexFingerprints(deps.env.DB, deps.bands, fingerprints, now().toISOString());
      return outcomes;
    },
  };
}
