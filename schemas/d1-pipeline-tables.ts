import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { PipelineError, RunStatus, RunTrigger } from "./scrape-run.ts";
import type { ValidationVerdict } from "./validation.ts";

/** D1: one scraper run, started by the schedule or an editor. */
export const scrapeRuns = sqliteTable(
  "scrape_runs",
  {
    id: text("id").primaryKey(),
    trigger: text("trigger").$type<RunTrigger>().notNull(),
    /** The schedule's due time for scheduled runs (ISO); null for manual ones. */
    dueAt: text("due_at"),
    requestedBy: text("requested_by"),
    status: text("status").$type<RunStatus>().notNull(),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [index("scrape_runs_created_idx").on(t.createdAt)],
);

/**
 * One source within a run: its counts, capped error list and progress. A source is finished
 * when its scrape is done (`batches_total` set) and every validate batch has reported.
 */
export const scrapeRunSources = sqliteTable(
  "scrape_run_sources",
  {
    runId: text("run_id").notNull(),
    sourceId: text("source_id").notNull(),
    url: text("url").notNull(),
    format: text("format").notNull(),
    status: text("status").$type<RunStatus>().notNull(),
    fetched: integer("fetched").notNull().default(0),
    parsed: integer("parsed").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    accepted: integer("accepted").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    review: integer("review").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    errors: text("errors", { mode: "json" }).$type<PipelineError[]>().notNull().default([]),
    batchesTotal: integer("batches_total"),
    batchesDone: integer("batches_done").notNull().default(0),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.sourceId] })],
);

/** At most one run per schedule due time: the insert that wins the key starts the run. */
export const scrapeLeases = sqliteTable("scrape_leases", {
  dueAt: text("due_at").primaryKey(),
  runId: text("run_id").notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Effects of a queue message that must happen once although delivery is at-least-once: the
 * attempt whose token won the key applies its counts.
 */
export const pipelineReceipts = sqliteTable("pipeline_receipts", {
  key: text("key").primaryKey(),
  token: text("token").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Messages that exhausted their retries, as the dead-letter consumer received them. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    messageId: text("message_id").primaryKey(),
    runId: text("run_id"),
    sourceId: text("source_id"),
    kind: text("kind").notNull(),
    attempts: integer("attempts").notNull(),
    body: text("body", { mode: "json" }).$type<unknown>().notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [index("dead_letters_run_idx").on(t.runId)],
);

/** Model verdicts by (model, prompt version, content hash), reused until `expires_at` (ms). */
export const aiResultCache = sqliteTable("ai_result_cache", {
  key: text("key").primaryKey(),
  verdict: text("verdict", { mode: "json" }).$type<ValidationVerdict>().notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** Tokens spent on validation per UTC day (YYYY-MM-DD), checked against `ai.daily_token_budget`. */
export const aiTokenUsage = sqliteTable("ai_token_usage", {
  day: text("day").primaryKey(),
  tokens: integer("tokens").notNull().default(0),
});

/**
 * Every question the pipeline stored (any status), by content hash: exact-duplicate lookups.
 * Keyed by the hash's first 8 bytes (a unique index on that expression, migration 0011), not
 * by the 64-character text: a batch's new hashes are random, so each write touches pages all
 * over that index, and 14-byte entries make it a fifth of the size. Two questions sharing 64
 * bits of a SHA-256 are not expected (about 10⁻⁸ at a million), and a lookup still compares
 * the whole hash. Nothing looks fingerprints up by question id, so that column has no index.
 */
export const questionFingerprints = sqliteTable(
  "question_fingerprints",
  {
    contentHash: text("content_hash").notNull(),
    questionId: text("question_id").notNull(),
    /** Near-duplicate signature (MinHash) of the normalized wording, hex; the column keeps its first name. */
    simhash: text("simhash").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("question_fingerprints_hash_key").on(sql`unhex(substr(${t.contentHash}, 1, 16))`)],
);

/**
 * Where the band index's catch-up has got to (one row, id 1, while it runs): the 8-byte key of
 * the last fingerprint whose band rows it filed. The band index moved from D1 to Durable
 * Objects (migration 0012), which rebuild it from the fingerprints' signatures in key order
 * (src/pipeline/store/band-backfill.ts); the row goes when the last is filed.
 */
export const bandIndexBackfill = sqliteTable("band_index_backfill", {
  id: integer("id").primaryKey(),
  afterKey: text("after_key").notNull(),
});

/** Next time (ms) a rate-limited host may be fetched (OpenTDB allows one request per 5 s). */
export const fetchSlots = sqliteTable("fetch_slots", {
  host: text("host").primaryKey(),
  nextAt: integer("next_at").notNull(),
});
