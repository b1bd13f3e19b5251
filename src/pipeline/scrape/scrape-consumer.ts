import { type PoisonMessage, ScrapeMessage } from "../../../schemas/pipeline-messages.ts";
import { FetchError } from "../fetch/safe-fetch.ts";
import { SourceRetryableError } from "../parsers/errors.ts";
import { backoffSeconds } from "../queue/backoff.ts";
import { sendToDeadLetters } from "../queue/poison.ts";
import { type ScrapeDeps, scrapeSource } from "./scrape-source.ts";

export interface ScrapeConsumerDeps extends ScrapeDeps {
  scrapeQueue: Queue<ScrapeMessage>;
  deadLetterQueue: Queue<PoisonMessage>;
}

/**
 * One scrape per message, each acked or retried on its own: a failing source never holds up
 * the others. A rate-limited host re-queues the message with a delay instead of retrying, so
 * waiting does not use up its retries.
 */
export async function consumeScrapeBatch(batch: MessageBatch<unknown>, deps: ScrapeConsumerDeps): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = ScrapeMessage.safeParse(message.body);
      if (!parsed.success) return sendToDeadLetters(deps.deadLetterQueue, batch.queue, message, parsed.error);
      try {
        const result = await scrapeSource(parsed.data, deps);
        if (result.kind === "wait") await deps.scrapeQueue.send(parsed.data, { delaySeconds: result.delaySeconds });
        message.ack();
      } catch (error) {
        const why =
          error instanceof FetchError || error instanceof SourceRetryableError ? error.message : String(error);
        console.warn(`scrape ${parsed.data.runId}/${parsed.data.source.id} attempt ${message.attempts}: ${why}`);
        const asked = error instanceof SourceRetryableError ? error.retryAfterSeconds : 0;
        message.retry({ delaySeconds: Math.max(asked, backoffSeconds(message.attempts)) });
      }
    }),
  );
}
