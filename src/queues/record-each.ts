/**
 * A dead-letter consumer's loop: records each message on its own, acking what was recorded
 * and retrying what could not be (a dead letter is never dropped unrecorded).
 */
export async function recordEachMessage(
  batch: MessageBatch<unknown>,
  label: string,
  record: (message: Message<unknown>) => Promise<void>,
): Promise<void> {
  for (const message of batch.messages) {
    try {
      await record(message);
      message.ack();
    } catch (error) {
      console.error(`${label}: could not record`, message.id, error);
      message.retry();
    }
  }
}
