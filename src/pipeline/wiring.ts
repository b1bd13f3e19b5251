import type { Settings } from "../../schemas/config-registry.ts";
import { openOrigin } from "../origin/client.ts";
import { parseAllowedHosts } from "./fetch/private-address.ts";
import type { SafeFetchOptions } from "./fetch/safe-fetch.ts";
import { nearDuplicateSignature } from "./scrape/near-duplicate-signature.ts";
import { parseFetchedSource } from "./scrape/parse-adapter.ts";
import type { ScrapeConsumerDeps } from "./scrape/scrape-consumer.ts";
import type { CachePurger } from "./store/cache-purger.ts";
import { r2MediaStore } from "./store/media-store.ts";
import { originEdgeSink } from "./store/origin-edge-sink.ts";
import type { ValidateConsumerDeps } from "./validate/validate-consumer.ts";
import { QuestionValidator } from "./validate/validate-question.ts";

/** The seed scraper's timeout for one source document. */
export const SOURCE_TIMEOUT_MS = 25_000;
/** The largest source document read (the full OpenTDB dump is 1.3 MB). */
export const SOURCE_MAX_BYTES = 8 * 1024 * 1024;
const MEDIA_TIMEOUT_MS = 15_000;

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

/** Interim until the edge cache's purge service is merged: nothing is cached for new ids yet. */
export function pipelineCachePurger(_env: Pick<Env, "QUESTIONS_KV">): CachePurger {
  return { purgeQuestions: async () => {} };
}

function fetchOptions(env: PipelineEnv, maxBytes: number, timeoutMs: number): SafeFetchOptions {
  return {
    allowedPrivateHosts: parseAllowedHosts(env.SCRAPER_ALLOWED_PRIVATE_HOSTS),
    timeoutMs,
    maxBytes,
    headers: { "user-agent": "edge-quiz-scraper/1.0 (+https://github.com/edge-quiz)" },
  };
}

export function scrapeConsumerDeps(env: PipelineEnv): ScrapeConsumerDeps {
  const mediaMax = Number(env.MEDIA_MAX_BYTES) || 10 * 1024 * 1024;
  return {
    db: env.DB,
    scrapeQueue: env.SCRAPE_QUEUE,
    validateQueue: env.VALIDATE_QUEUE,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    parse: parseFetchedSource,
    similarity: nearDuplicateSignature,
    media: r2MediaStore(env.MEDIA),
    fetchOptions: fetchOptions(env, SOURCE_MAX_BYTES, SOURCE_TIMEOUT_MS),
    mediaFetchOptions: fetchOptions(env, mediaMax, MEDIA_TIMEOUT_MS),
  };
}

/** One origin connection and one validator per batch (the validator skips models that keep failing). */
export function validateConsumerDeps(env: PipelineEnv, settings: Settings): ValidateConsumerDeps {
  const connection = env.OPENAI_API_KEY
    ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }
    : null;
  return {
    db: env.DB,
    deadLetterQueue: env.DEAD_LETTER_QUEUE,
    sink: originEdgeSink({ origin: openOrigin(env.ORIGIN), db: env.DB, purger: pipelineCachePurger(env) }),
    validator: new QuestionValidator(env.DB, settings, connection),
    minQualityScore: settings["ai.min_quality_score"],
    bandKeys: (simhash) => nearDuplicateSignature.bandKeys(simhash),
  };
}
