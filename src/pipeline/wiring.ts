import type { Settings } from "../../schemas/config-registry.ts";
import { mediaMaxBytes } from "../media/store-media.ts";
import { openOrigin } from "../origin/client.ts";
import { parseAllowedHosts } from "./fetch/private-address.ts";
import type { SafeFetchOptions } from "./fetch/safe-fetch.ts";
import { parseSource } from "./parsers/parse-source.ts";
import { nearDuplicateSignature } from "./scrape/near-duplicate-signature.ts";
import type { ScrapeConsumerDeps } from "./scrape/scrape-consumer.ts";
import { r2MediaStore } from "./store/media-store.ts";
import { originEdgeSink } from "./store/origin-edge-sink.ts";
import type { ValidateConsumerDeps } from "./validate/validate-consumer.ts";
import { QuestionValidator } from "./validate/validate-question.ts";

/** The seed scraper's timeout for one source document. */
export const SOURCE_TIMEOUT_MS = 25_000;
/** The largest source document read (the full OpenTDB dump is 1.3 MB). */
export const SOURCE_MAX_BYTES = 8 * 1024 * 1024;

type PipelineEnv = Pick<
  Env,
  | "DB"
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

function fetchOptions(env: PipelineEnv, maxBytes: number, timeoutMs: number): SafeFetchOptions {
  return {
    allowedPrivateHosts: parseAllowedHosts(env.SCRAPER_ALLOWED_PRIVATE_HOSTS),
    timeoutMs,
    maxBytes,
    headers: { "user-agent": "edge-quiz-scraper/1.0 (+https://github.com/edge-quiz)" },
  };
}

export function scrapeConsumerDeps(env: PipelineEnv): ScrapeConsumerDeps {
  return {
    db: env.DB,
    scrapeQueue: env.SCRAPE_QUEUE,
    validateQueue: env.VALIDATE_QUEUE,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    parse: parseSource,
    similarity: nearDuplicateSignature,
    media: r2MediaStore(env.MEDIA),
    fetchOptions: fetchOptions(env, SOURCE_MAX_BYTES, SOURCE_TIMEOUT_MS),
    mediaMaxBytes: mediaMaxBytes(env),
  };
}

/** One origin connection and one validator per batch (the validator skips models that keep failing). */
export function validateConsumerDeps(
  env: PipelineEnv,
  settings: Settings,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): ValidateConsumerDeps {
  const connection = env.OPENAI_API_KEY
    ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }
    : null;
  return {
    db: env.DB,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    sink: originEdgeSink({ origin: openOrigin(env.ORIGIN), env, ctx }),
    validator: new QuestionValidator(env.DB, settings, connection),
    minQualityScore: settings["ai.min_quality_score"],
    bandKeys: (simhash) => nearDuplicateSignature.bandKeys(simhash),
  };
}
