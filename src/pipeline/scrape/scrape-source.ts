import type { ScrapeMessage, ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import type { PipelineError } from "../../../schemas/scrape-run.ts";
import { claimHostSlot, rateLimitFor } from "../fetch/host-rate-limit.ts";
import { FetchError, type SafeFetchOptions, safeFetch } from "../fetch/safe-fetch.ts";
import { SourceRetryableError } from "../parsers/errors.ts";
import type { ParseResult, SourceParser } from "../parsers/types.ts";
import { markSourceStarted, recordProgress, SOURCE_ERROR_CAP } from "../runs/run-progress.ts";
import { backfillBandIndex } from "../store/band-backfill.ts";
import type { BandIndex } from "../store/band-index.ts";
import { indexUnfingerprinted } from "../store/fingerprint-index.ts";
import type { MediaStore } from "../store/media-store.ts";
import { packCandidates, sendAll } from "./batch-messages.ts";
import { signatureText } from "./build-candidate.ts";
import { collectCandidates } from "./collect-candidates.ts";
import { dedupe } from "./dedupe.ts";
import type { Similarity } from "./similarity.ts";

export interface ScrapeDeps {
  db: D1Database;
  /** The near-duplicate band index. */
  bands: BandIndex;
  validateQueue: Queue<ValidateMessage>;
  parse: SourceParser;
  similarity: Similarity;
  media: MediaStore;
  /** Guards for the source document. */
  fetchOptions: SafeFetchOptions;
  /** MEDIA_MAX_BYTES: embedded media files larger than this are left out. */
  mediaMaxBytes: number;
  now?: () => Date;
}

/**
 * Questions that reached the edge copy another way, and fingerprints stored before the band
 * index moved to Durable Objects, indexed per scrape until none are left.
 */
const CATCH_UP_PER_SCRAPE = 2_000;

export type ScrapeResult = { kind: "done" } | { kind: "wait"; delaySeconds: number };

export function scrapeReceiptKey(runId: string, sourceId: string): string {
  return `scrape:${runId}:${sourceId}`;
}

/**
 * Scrapes one source for a run: fetch (guarded), parse, store media, build candidates,
 * drop exact duplicates, mark near ones, and send the rest to validation in batches. Counts
 * and errors are recorded once per run and source however often the message is delivered.
 * Throws (`FetchError` with `retryable` set, `SourceRetryableError`, anything unexpected) when
 * trying again later may help; failures no retry can fix are recorded and not thrown.
 */
export async function scrapeSource(message: ScrapeMessage, deps: ScrapeDeps): Promise<ScrapeResult> {
  const now = deps.now ?? (() => new Date());
  const { runId, source } = message;
  const receiptKey = scrapeReceiptKey(runId, source.id);
  const done = await deps.db.prepare("SELECT 1 FROM pipeline_receipts WHERE key = ?1").bind(receiptKey).first();
  if (done) return { kind: "done" };

  const limit = rateLimitFor(source);
  if (limit) {
    const waitMs = await claimHostSlot(deps.db, limit, now().getTime());
    if (waitMs > 0) return { kind: "wait", delaySeconds: Math.ceil(waitMs / 1000) };
  }
  await markSourceStarted(deps.db, runId, source.id, now().toISOString());

  const fail = async (stage: PipelineError["stage"], error: string) => {
    await recordProgress(deps.db, {
      runId,
      sourceId: source.id,
      receiptKey,
      progress: { failed: true, errors: [{ stage, message: error }] },
      now: now().toISOString(),
    });
    return { kind: "done" } as const;
  };

  let body: Uint8Array;
  try {
    body = (await safeFetch(source.url, deps.fetchOptions)).bytes;
  } catch (error) {
    if (error instanceof FetchError && !error.retryable) return fail("fetch", error.message);
    throw error;
  }

  let parsed: ParseResult;
  try {
    parsed = await deps.parse(source, body);
  } catch (error) {
    if (error instanceof SourceRetryableError) throw error;
    return fail("parse", `the document cannot be read as ${source.format}: ${errorText(error)}`);
  }

  const { candidates, failed, errors } = await collectCandidates(parsed, source, deps);
  await backfillBandIndex(deps.db, deps.bands, deps.similarity, CATCH_UP_PER_SCRAPE);
  await indexUnfingerprinted(
    deps.db,
    deps.bands,
    deps.similarity,
    signatureText,
    CATCH_UP_PER_SCRAPE,
    now().toISOString(),
  );
  const { fresh, duplicates } = await dedupe(deps.db, deps.bands, candidates, deps.similarity);
  const { messages, oversized } = packCandidates(runId, source.id, fresh);
  for (const c of oversized)
    errors.push({ stage: "validate", record: c.record, message: "too large for a queue message" });
  await sendAll(deps.validateQueue, messages);

  await recordProgress(deps.db, {
    runId,
    sourceId: source.id,
    receiptKey,
    progress: {
      counts: {
        fetched: parsed.questions.length + parsed.skipped.length + parsed.errors.length,
        parsed: candidates.length,
        skipped: parsed.skipped.length,
        duplicates: duplicates.length,
        failed: failed + oversized.length,
      },
      errors: errors.slice(0, SOURCE_ERROR_CAP),
      batchesTotal: messages.length,
    },
    now: now().toISOString(),
  });
  return { kind: "done" };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
