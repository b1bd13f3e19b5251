import { recordAnswerDeadLetter } from "./dead-letter-store.ts";

/** The answers dead-letter queue's consumer: records each message where admins see it. */
export async function consumeAnswerDeadLetters(
  batch: MessageBatch<unknown>,
  deps: { db: D1Database; now?: () => Date },
): Promise<void> {
  const now = deps.now ?? (() => new Date());
  for (const message of batch.messages) {
    try {
      await recordAnswerDeadLetter(deps.db, message, now().toISOString());
      message.ack();
    } catch (error) {
      console.error("answers dead-letter: could not record", message.id, error);
      message.retry();
    }
  }
}
