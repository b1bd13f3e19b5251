import { z } from "@hono/zod-openapi";

export const RUN_STATUSES = ["queued", "running", "completed", "failed"] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;

export const RUN_TRIGGERS = ["schedule", "manual"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const COUNT_NAMES = [
  "fetched",
  "parsed",
  "skipped",
  "duplicates",
  "accepted",
  "rejected",
  "review",
  "failed",
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

/**
 * Per-record bookkeeping: fetched = parsed + skipped + failed records of the document;
 * parsed = duplicates + what went to validation; validated = accepted + rejected + review.
 * Failures after parsing (a lost validate batch, a store error) are counted in `failed` too.
 */
export const RunCounts = z
  .object({
    fetched: z.number().int(),
    parsed: z.number().int(),
    skipped: z.number().int(),
    duplicates: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    review: z.number().int(),
    failed: z.number().int(),
  })
  .openapi("RunCounts");
export type RunCounts = z.infer<typeof RunCounts>;

export function zeroCounts(): RunCounts {
  return { fetched: 0, parsed: 0, skipped: 0, duplicates: 0, accepted: 0, rejected: 0, review: 0, failed: 0 };
}

export const PIPELINE_STAGES = [
  "fetch",
  "parse",
  "skip",
  "media",
  "dedupe",
  "validate",
  "store",
  "dead-letter",
] as const;

/** One reported problem; `record` locates it in the source (index, line or title) when known. */
export const PipelineError = z
  .object({
    stage: z.enum(PIPELINE_STAGES),
    message: z.string(),
    record: z.string().optional(),
  })
  .openapi("PipelineError");
export type PipelineError = z.infer<typeof PipelineError>;

export const RunSource = RunCounts.extend({
  id: z.string(),
  url: z.string(),
  format: z.string(),
  status: RunStatus,
  errors: z.array(PipelineError),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
}).openapi("RunSource");
export type RunSource = z.infer<typeof RunSource>;

export const DeadLetter = z
  .object({
    messageId: z.string(),
    kind: z.string(),
    sourceId: z.string().nullable(),
    attempts: z.number().int(),
    body: z.unknown(),
    receivedAt: z.string(),
  })
  .openapi("DeadLetter");
export type DeadLetter = z.infer<typeof DeadLetter>;

export const ScrapeRun = z
  .object({
    id: z.string(),
    status: RunStatus,
    trigger: z.enum(RUN_TRIGGERS),
    dueAt: z.string().nullable(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    totals: RunCounts.extend({ errors: z.array(PipelineError) }),
    sources: z.array(RunSource),
    deadLetters: z.array(DeadLetter),
  })
  .openapi("ScrapeRun");
export type ScrapeRun = z.infer<typeof ScrapeRun>;

export const StartRunBody = z
  .object({
    /** Only these sources (by id); all enabled sources when absent. */
    sources: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
  })
  .openapi("StartRunBody");
export type StartRunBody = z.infer<typeof StartRunBody>;
