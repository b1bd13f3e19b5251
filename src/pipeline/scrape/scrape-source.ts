import type { Candidate, ScrapeMessage, ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import type { PipelineError } from "../../../schemas/scrape-run.ts";
import { claimHostSlot, rateLimitFor } from "../fetch/host-rate-limit.ts";
import { FetchError, type SafeFetchOptions, safeFetch } from "../fetch/safe-fetch.ts";
import { replacePluginfileImages } from "../parsers/media.ts";
import { markSourceStarted, recordProgress, SOURCE_ERROR_CAP } from "../runs/run-progress.ts";
import { indexUnfingerprinted } from "../store/fingerprint-index.ts";
import { type MediaStore, mediaUrl } from "../store/media-store.ts";
import { packCandidates, sendAll } from "./batch-messages.ts";
import { buildCandidate, signatureText } from "./build-candidate.ts";
import { dedupe } from "./dedupe.ts";
import { resolveMedia } from "./resolve-media.ts";
import type { Similarity } from "./similarity.ts";
import { type ParsedQuestion, type ParseOutcome, RetryLaterError, type SourceParser } from "./source-parser.ts";

export interface ScrapeDeps {
  db: D1Database;
  validateQueue: Queue<ValidateMessage>;
  parse: SourceParser;
  similarity: Similarity;
  media: MediaStore;
  /** Guards for the source document. */
  fetchOptions: SafeFetchOptions;
  /** Guards for media files (MEDIA_MAX_BYTES). */
  mediaFetchOptions: SafeFetchOptions;
  now?: () => Date;
}

/** Questions that reached the edge copy another way, indexed per scrape until none are left. */
const CATCH_UP_PER_SCRAPE = 2_000;

export type ScrapeResult = { kind: "done" } | { kind: "wait"; delaySeconds: number };

export function scrapeReceiptKey(runId: string, sourceId: string): string {
  return `scrape:${runId}:${sourceId}`;
}

/**
 * Scrapes one source for a run: fetch (guarded), parse, store media, build candidates,
 * drop exact duplicates, mark near ones, and send the rest to validation in batches. Counts
 * and errors are recorded once per run and source however often the message is delivered.
 * Throws (`FetchError` with `retryable` set, `RetryLaterError`, anything unexpected) when
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
  let documentUrl: string;
  try {
    const doc = await safeFetch(source.url, deps.fetchOptions);
    body = doc.bytes;
    documentUrl = doc.url;
  } catch (error) {
    if (error instanceof FetchError && !error.retryable) return fail("fetch", error.message);
    throw error;
  }

  let parsed: ParseOutcome;
  try {
    parsed = await deps.parse(source, body);
  } catch (error) {
    if (error instanceof RetryLaterError) throw error;
    return fail("parse", `the document cannot be read as ${source.format}: ${errorText(error)}`);
  }

  const errors: PipelineError[] = [
    ...parsed.errors.map((e) => ({ stage: "parse" as const, record: e.record, message: e.message })),
    ...parsed.skipped.map((s) => ({ stage: "skip" as const, record: s.record, message: s.reason })),
  ];
  let failed = parsed.errors.length;
  const candidates: Candidate[] = [];
  const memo = new Map<string, Promise<string>>();
  for (const question of parsed.questions) {
    const media = await resolveMedia(question.media, documentUrl, {
      store: deps.media,
      fetchOptions: deps.mediaFetchOptions,
      memo,
    });
    for (const message of media.errors) errors.push({ stage: "media", record: question.record, message });
    const built = await buildCandidate(withMediaUrls(question, media.byName), source, media.keys, deps.similarity);
    if ("error" in built) {
      failed++;
      errors.push({ stage: "parse", record: question.record, message: built.error });
    } else {
      candidates.push(built.candidate);
    }
  }

  await indexUnfingerprinted(deps.db, deps.similarity, signatureText, CATCH_UP_PER_SCRAPE, now().toISOString());
  const { fresh, duplicates } = await dedupe(deps.db, candidates, deps.similarity);
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
      // Errors first, then skips: with the cap, broken records are what an editor must see.
      errors: errors.sort((a, b) => rank(a) - rank(b)).slice(0, SOURCE_ERROR_CAP),
      batchesTotal: messages.length,
    },
    now: now().toISOString(),
  });
  return { kind: "done" };
}

/** Points `@@PLUGINFILE@@/name` images at the stored files; images of files that were not stored keep their alt text. */
function withMediaUrls(q: ParsedQuestion, byName: Map<string, string>): ParsedQuestion {
  if (byName.size === 0 && q.media.length === 0) return q;
  const resolve = (name: string) => {
    const key = byName.get(name) ?? byName.get(name.split("/").pop() ?? "");
    return key ? mediaUrl(key) : null;
  };
  const rewrite = (text: string) => replacePluginfileImages(text, resolve);
  return {
    ...q,
    text: rewrite(q.text),
    explanation: q.explanation === null ? null : rewrite(q.explanation),
    choices: q.choices.map((c) => ({ ...c, text: rewrite(c.text) })),
  };
}

function rank(error: PipelineError): number {
  return error.stage === "skip" ? 1 : 0;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
