import { getTableColumns, inArray, or, sql } from "drizzle-orm";
import { questions } from "../../schemas/origin-tables.ts";
import type { Question } from "../../schemas/question.ts";
import { QuestionWrite, type QuestionWriteInput } from "../../schemas/question-write.ts";
import type { OriginDb } from "../origin/client.ts";
import { contentHash, questionIdFor } from "./content-hash.ts";
import { questionFromOrigin } from "./origin-store.ts";
import type { PurgeReport } from "./purge-questions.ts";
import { propagateWrites, type WriteDeps } from "./write-through.ts";

export type UpsertAction = "inserted" | "updated" | "unchanged" | "conflict";

export interface UpsertOutcome {
  /** The question's id (for a conflict, the id asked for or derived). */
  id: string;
  action: UpsertAction;
  version: number;
  contentHash: string;
  /** Why a conflict was refused. */
  detail?: string;
}

export interface UpsertReport {
  /** One per input, in input order. */
  results: UpsertOutcome[];
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  /** The cache purge of the written ids; null when nothing changed. */
  purge: PurgeReport | null;
}

const COMPARED: (keyof Question)[] = [
  "type",
  "text",
  "choices",
  "answer",
  "explanation",
  "category",
  "tags",
  "difficulty",
  "bloomLevel",
  "language",
  "mediaKeys",
  "source",
  "status",
];

/** JSON with sorted keys: jsonb reorders object keys, so plain JSON would see changes that are not. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function sameContent(a: Question, b: Question): boolean {
  return COMPARED.every((key) => stableJson(a[key]) === stableJson(b[key]));
}

const SET_ALL = Object.fromEntries(
  Object.entries(getTableColumns(questions))
    .filter(([key]) => key !== "id" && key !== "createdAt")
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/**
 * Inserts or updates questions at the origin (the source of truth), then copies them into
 * D1 and purges their cache entries. Idempotent: a question is matched by `id` when given,
 * else by content hash, and rewritten (version + 1) only when something differs. Content that
 * already exists under another id is reported as a conflict, not written.
 */
export async function upsertQuestions(deps: WriteDeps, inputs: QuestionWriteInput[]): Promise<UpsertReport> {
  const writes = inputs.map((input) => QuestionWrite.parse(input));
  const hashes = await Promise.all(writes.map((w) => contentHash(w)));
  // Ids come from what learners see, never from the answer key (see `questionIdFor`).
  const derived = await Promise.all(writes.map((w) => questionIdFor(w)));
  const ids = [...new Set([...writes.flatMap((w) => (w.id ? [w.id] : [])), ...derived])];
  const existing =
    writes.length === 0
      ? []
      : await deps.origin.db
          .select()
          .from(questions)
          .where(or(inArray(questions.id, ids), inArray(questions.contentHash, hashes)));
  const byId = new Map(existing.map((row) => [row.id, questionFromOrigin(row)]));
  const byHash = new Map([...byId.values()].map((q) => [q.contentHash, q]));

  const now = new Date().toISOString();
  const changed = new Map<string, Question>();
  const results: UpsertOutcome[] = writes.map((write, i) => {
    const hash = hashes[i] as string;
    const { id: askedId, ...fields } = write;
    const sameHash = byHash.get(hash);
    const current = askedId ? byId.get(askedId) : sameHash;
    const id = askedId ?? current?.id ?? (derived[i] as string);
    if (sameHash && sameHash.id !== id) {
      return { id, action: "conflict", version: 0, contentHash: hash, detail: `the same content is ${sameHash.id}` };
    }
    if (!current && byId.has(id)) {
      // Same text and choices as another question but a different answer key.
      return { id, action: "conflict", version: 0, contentHash: hash, detail: `the derived id ${id} is taken` };
    }
    const next: Question = current
      ? { ...current, ...fields, explanation: fields.explanation ?? null, contentHash: hash }
      : {
          id,
          ...fields,
          explanation: fields.explanation ?? null,
          contentHash: hash,
          calibratedDifficulty: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
    if (current && sameContent(current, next)) {
      return { id, action: "unchanged", version: current.version, contentHash: hash };
    }
    if (current) {
      next.version = current.version + 1;
      next.updatedAt = now;
      byHash.delete(current.contentHash);
    }
    byId.set(id, next);
    byHash.set(hash, next);
    changed.set(id, next);
    return { id, action: current ? "updated" : "inserted", version: next.version, contentHash: hash };
  });

  const rows = [...changed.values()];
  if (rows.length > 0) {
    await deps.origin.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 100) {
        await tx
          .insert(questions)
          .values(rows.slice(i, i + 100))
          .onConflictDoUpdate({ target: questions.id, set: SET_ALL });
      }
    });
  }
  const purge = await propagateWrites(deps, rows);
  const tally = (action: UpsertAction) => results.filter((r) => r.action === action).length;
  return {
    results,
    inserted: tally("inserted"),
    updated: tally("updated"),
    unchanged: tally("unchanged"),
    conflicts: tally("conflict"),
    purge,
  };
}

type OriginTx = Parameters<Parameters<OriginDb["transaction"]>[0]>[0];

/**
 * The import path's origin write: inserts the questions whose id and content hash are new
 * and leaves stored ones as they are (a question seen before is a duplicate, never an
 * update). It runs in the caller's transaction, so rows that belong to the questions commit
 * with them; the caller then propagates what it wrote (`propagateWrites`). Returns the rows
 * this call inserted.
 */
export async function insertNewQuestions(
  tx: OriginDb | OriginTx,
  rows: Question[],
): Promise<{ id: string; contentHash: string }[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(questions)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: questions.id, contentHash: questions.contentHash });
}
