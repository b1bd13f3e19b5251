import type { z } from "zod";
import type { PoisonMessage } from "../../../schemas/pipeline-messages.ts";

/** Sends a message no consumer can read to the dead-letter queue and acks it. */
export async function sendToDeadLetters(
  deadLetters: Queue<PoisonMessage>,
  queue: string,
  message: Message<unknown>,
  error: z.ZodError,
): Promise<void> {
  const where = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
    .join("; ");
  await deadLetters.send({ kind: "poison", queue, reason: `not a valid message: ${where}`, body: message.body });
  message.ack();
}
