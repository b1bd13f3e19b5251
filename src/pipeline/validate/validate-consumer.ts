import { type PoisonMessage, ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import { backoffSeconds } from "../queue/backoff.ts";
import { sendToDeadLetters } from "../queue/poison.ts";
import { type ValidateDeps, validateBatch } from "./validate-batch.ts";

export interface ValidateConsumerDeps extends ValidateDeps {
  deadLetterQueue: Queue<PoisonMessage>;
}

/** Each validate message is acked or retried with backoff on its own. */
export async function consumeValidateBatch(batch: MessageBatch<unknown>, deps: ValidateConsumerDeps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = ValidateMessage.safeParse(message.body);
    if (!parsed.success) {
      await sendToDeadLetters(deps.deadLetterQueue, batch.queue, message, parsed.error);
      continue;
    }
    try {
      await validateBatch(parsed.data, deps);
      message.ack();
    } catch (error) {
      const { runId, sourceId, batch: n } = parsed.data;
      console.warn(`validate ${runId}/${sourceId}#${n} attempt ${message.attempts}:`, error);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
