/**
 * The Worker's composition: the services of the queue consumers and the cron built from the
 * bindings, and the queue dispatch. The entry (index.ts) calls these; nothing in src/ imports
 * them, so domain modules take their dependencies as arguments and tests can build their own.
 */
import type { Settings } from "../schemas/config-registry.ts";
import type { AnswersConsumerDeps } from "../src/answer-stream/consume-answers.ts";
import { consumeAnswerBatch } from "../src/answer-stream/consume-answers.ts";
import { consumeAnswerDeadLetters } from "../src/answer-stream/consume-dead-letters.ts";
import { maintainAnswerStream, maintenanceDue } from "../src/answer-stream/maintenance.ts";
import { loadSettings } from "../src/config/read-config.ts";
import { mediaMaxBytes } from "../src/media/store-media.ts";
import { openOrigin } from "../src/origin/client.ts";
import { consumeDeadLetters } from "../src/pipeline/dead-letter/dead-letter-consumer.ts";
import { parseAllowedHosts } from "../src/pipeline/fetch/private-address.ts";
import type { SafeFetchOptions } from "../src/pipeline/fetch/safe-fetch.ts";
import { parseSource } from "../src/pipeline/parsers/parse-source.ts";
import { scheduledTick, type TickOutcome } from "../src/pipeline/schedule/scheduled-tick.ts";
import { nearDuplicateSignature } from "../src/pipeline/scrape/near-duplicate-signature.ts";
import { consumeScrapeBatch, type ScrapeConsumerDeps } from "../src/pipeline/scrape/scrape-consumer.ts";
import { bandIndex } from "../src/pipeline/store/band-index.ts";
import { r2MediaStore } from "../src/pipeline/store/media-store.ts";
import { originEdgeSink } from "../src/pipeline/store/origin-edge-sink.ts";
import { consumeValidateBatch, type ValidateConsumerDeps } from "../src/pipeline/validate/validate-consumer.ts";
import { QuestionValidator } from "../src/pipeline/validate/validate-question.ts";

type WaitUntil = Pick<ExecutionContext, "waitUntil">;

/** The seed scraper's timeout for one source document. */
export const SOURCE_TIMEOUT_MS = 25_000;
/** The largest source document read (the full OpenTDB dump is 1.3 MB). */
export const SOURCE_MAX_BYTES = 8 * 1024 * 1024;

type PipelineEnv = Pick<
  Env,
  | "DB"
  | "NEAR_DUPLICATE_BANDS"
  | "ORIGIN"
  | "MEDIA"
  | "QUESTIONS_KV"
  | "SCRAPE_QUEUE"
  | "VALIDATE_QUEUE"
  | "DEAD_LETTER_QUEUE"
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "SCRAPER_ALLOWED_PRIVATE_HOSTS"
  | "MEDIA_MAX_BYTES"
>;

function sourceFetchOptions(env: PipelineEnv): SafeFetchOptions {
  return {
    allowedPrivateHosts: parseAllowedHosts(env.SCRAPER_ALLOWED_PRIVATE_HOSTS),
    timeoutMs: SOURCE_TIMEOUT_MS,
    maxBytes: SOURCE_MAX_BYTES,
    headers: { "user-agent": "edge-quiz-scraper/1.0 (+https://github.com/edge-quiz)" },
  };
}

export function scrapeConsumerDeps(env: PipelineEnv): ScrapeConsumerDeps {
  return {
    db: env.DB,
    bands: bandIndex(env.NEAR_DUPLICATE_BANDS),
    scrapeQueue: env.SCRAPE_QUEUE,
    validateQueue: env.VALIDATE_QUEUE,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    parse: parseSource,
    similarity: nearDuplicateSignature,
    media: r2MediaStore(env.MEDIA),
    fetchOptions: sourceFetchOptions(env),
    mediaMaxBytes: mediaMaxBytes(env),
  };
}

/** One origin connection and one validator per batch (the validator skips models that keep failing). */
export function validateConsumerDeps(env: PipelineEnv, settings: Settings, ctx?: WaitUntil): ValidateConsumerDeps {
  const connection = env.OPENAI_API_KEY
    ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }
    : null;
  return {
    db: env.DB,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    sink: originEdgeSink({ origin: openOrigin(env.ORIGIN), env, bands: bandIndex(env.NEAR_DUPLICATE_BANDS), ctx }),
    validator: new QuestionValidator(env.DB, settings, connection),
    minQualityScore: settings["ai.min_quality_score"],
    bandKeys: (simhash) => nearDuplicateSignature.bandKeys(simhash),
  };
}

/** One origin connection per batch, shared by the write and the calibration publish. */
export function answersConsumerDeps(
  env: Pick<Env, "ORIGIN" | "DB" | "QUESTIONS_KV" | "ANSWERS_DEAD_LETTER_QUEUE">,
  ctx?: WaitUntil,
): AnswersConsumerDeps {
  const origin = openOrigin(env.ORIGIN);
  return { origin, writeDeps: { env, origin, ctx }, deadLetters: env.ANSWERS_DEAD_LETTER_QUEUE };
}

/** Queue names as in wrangler.toml; `batch.queue` picks the handler. */
export const QUEUES = {
  scrape: "edge-quiz-scrape",
  validate: "edge-quiz-validate",
  deadLetter: "edge-quiz-dlq",
  answers: "edge-quiz-answers",
  answersDeadLetter: "edge-quiz-answers-dlq",
} as const;

/** The Worker's `queue` handler: one consumer per queue (the pipeline's and the answer stream's). */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx?: WaitUntil): Promise<void> {
  switch (batch.queue) {
    case QUEUES.scrape:
      return consumeScrapeBatch(batch, scrapeConsumerDeps(env));
    case QUEUES.validate: {
      const { settings } = await loadSettings(env.CONFIG_KV);
      return consumeValidateBatch(batch, validateConsumerDeps(env, settings, ctx));
    }
    case QUEUES.deadLetter:
      return consumeDeadLetters(batch, { db: env.DB });
    case QUEUES.answers:
      await consumeAnswerBatch(batch, answersConsumerDeps(env, ctx));
      return;
    case QUEUES.answersDeadLetter:
      return consumeAnswerDeadLetters(batch, { db: env.DB });
    default:
      // A queue bound to this Worker without a consumer here: retry rather than lose messages.
      console.error(`queue: no consumer for '${batch.queue}'`);
      batch.retryAll();
  }
}

/**
 * The cron's pipeline and answer-stream work: starts a scraper run when the configured
 * schedule has one due, and every few minutes keeps the answer stream's origin tables
 * (partitions, stats, health flags).
 */
export async function handleScheduled(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
  ctx?: WaitUntil,
): Promise<TickOutcome> {
  const maintenance = maintenanceDue(controller.scheduledTime)
    ? maintainAnswerStream({ env, origin: openOrigin(env.ORIGIN), ctx }).then(
        (report) => console.log("answers: maintenance", JSON.stringify(report)),
        (error) => console.error("answers: maintenance failed;", error),
      )
    : Promise.resolve();
  const { settings } = await loadSettings(env.CONFIG_KV);
  const outcome = await scheduledTick({
    db: env.DB,
    queue: env.SCRAPE_QUEUE,
    settings,
    scheduledTime: controller.scheduledTime,
  });
  if (outcome.started) console.log(`scraper: started ${outcome.runId} for ${outcome.dueAt}`);
  await maintenance;
  return outcome;
}
