import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { AdminQuestion } from "../../../schemas/admin-question.ts";
import { type QuestionValidationRow, questionValidations } from "../../../schemas/origin-pipeline-tables.ts";
import { type QuestionRow, questions } from "../../../schemas/origin-tables.ts";
import type { ValidationRecord } from "../../../schemas/validation.ts";
import type { OriginConnection } from "../../origin/client.ts";

/** Postgres gives `2026-01-01 00:00:00+00`; the API speaks ISO 8601. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

export function toValidationRecord(row: QuestionValidationRow): ValidationRecord {
  return {
    validator: row.validator,
    model: row.model,
    promptVersion: row.promptVersion,
    verdict: {
      bloomLevel: row.bloomLevel,
      qualityScore: row.qualityScore,
      answerKeyCorrect: row.answerKeyCorrect === 1,
      issues: row.issues,
      suggestedDifficulty: row.suggestedDifficulty,
    },
    decision: row.decision,
    reasons: row.reasons,
    nearDuplicateOf: row.nearDuplicateOf,
    notes: row.notes,
    tokens: row.tokens,
    runId: row.runId,
    sourceId: row.sourceId,
    validatedAt: iso(row.validatedAt),
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt ? iso(row.reviewedAt) : null,
  };
}

export function toAdminQuestion(q: QuestionRow, v: QuestionValidationRow | null): AdminQuestion {
  return {
    ...q,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
    validation: v ? toValidationRecord(v) : null,
  };
}

export async function getAdminQuestion(origin: OriginConnection, id: string): Promise<AdminQuestion | null> {
  const [row] = await origin.db
    .select()
    .from(questions)
    .leftJoin(questionValidations, eq(questionValidations.questionId, questions.id))
    .where(eq(questions.id, id));
  return row ? toAdminQuestion(row.questions, row.question_validations) : null;
}

/** Cursor: the last item's validation time and id, so pages stay stable while items leave the list. */
function encodeCursor(validatedAt: string, id: string): string {
  return btoa(JSON.stringify([validatedAt, id]));
}

function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(atob(cursor));
    return Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string"
      ? [value[0], value[1]]
      : null;
  } catch {
    return null;
  }
}

/** Questions waiting for an editor, oldest first. */
export async function listReview(
  origin: OriginConnection,
  options: { limit: number; cursor?: string; decision?: "rejected" | "review" },
): Promise<{ items: AdminQuestion[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await origin.db
    .select()
    .from(questions)
    .innerJoin(questionValidations, eq(questionValidations.questionId, questions.id))
    .where(
      and(
        eq(questions.status, "review"),
        options.decision ? eq(questionValidations.decision, options.decision) : undefined,
        after
          ? or(
              gt(questionValidations.validatedAt, after[0]),
              and(eq(questionValidations.validatedAt, after[0]), gt(questions.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(questionValidations.validatedAt), asc(questions.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toAdminQuestion(r.questions, r.question_validations)),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor(last.question_validations.validatedAt, last.questions.id)
        : null,
  };
}

/**
 * Sets a question's status on an editor's word and notes who decided; the version goes up
 * so cached copies are told apart. Returns the question as it now is, or null when absent.
 */
export async function setReviewedStatus(
  origin: OriginConnection,
  id: string,
  status: "active" | "rejected",
  reviewer: string,
): Promise<AdminQuestion | null> {
  return origin.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(questions)
      .set({ status, version: sql`${questions.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(questions.id, id), sql`${questions.status} <> ${status}`))
      .returning({ id: questions.id });
    if (updated) {
      await tx
        .update(questionValidations)
        .set({ reviewedBy: reviewer, reviewedAt: sql`now()` })
        .where(eq(questionValidations.questionId, id));
    }
    const [row] = await tx
      .select()
      .from(questions)
      .leftJoin(questionValidations, eq(questionValidations.questionId, questions.id))
      .where(eq(questions.id, id));
    return row ? toAdminQuestion(row.questions, row.question_validations) : null;
  });
}
