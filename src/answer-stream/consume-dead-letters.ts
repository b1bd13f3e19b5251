import { recordEachMessage } from "../queues/record-each.ts";
import { recordAnswerDeadLetter } from "./dead-letter-store.ts";

/** The answers dead-letter queue's consumer: records each message where admins see it. */
export async function consumeAnswerDeadLetters(
  batch: MessageBatch<unknown>,
  deps: { db: D1Database; now?: () => Date },
): Promise<void> {
  const now = deps.now ?? (() => new Date());
  await recordEachMessage(batch, "answers dead-letter", (message) =>
    recordAnswerDeadLetter(deps.db, message, now().toISOString()),
  );
}
