import { consumeAnswerBatch } from "../../answer-stream/consume-answers.ts";
import { consumeAnswerDeadLetters } from "../../answer-stream/consume-dead-letters.ts";
import { answersConsumerDeps } from "../../answer-stream/wiring.ts";
import { loadSettings } from "../../config/read-config.ts";
import { consumeDeadLetters } from "../dead-letter/dead-letter-consumer.ts";
import { consumeScrapeBatch } from "../scrape/scrape-consumer.ts";
import { consumeValidateBatch } from "../validate/validate-consumer.ts";
import { scrapeConsumerDeps, validateConsumerDeps } from "../wiring.ts";

/** Queue names as in wrangler.toml; `batch.queue` picks the handler. */
export const QUEUES = {
  scrape: "edge-quiz-scrape",
  validate: "edge-quiz-validate",
  deadLetter: "edge-quiz-dlq",
  answers: "edge-quiz-answers",
  answersDeadLetter: "edge-quiz-answers-dlq",
} as const;

/** The Worker's `queue` handler: one consumer per queue (the pipeline's and the answer stream's). */
export async function handlePipelineQueue(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx?: Pick<ExecutionContext, "waitUntil">,
): Promise<void> {
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
