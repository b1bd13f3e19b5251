import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { AnswerDeadLetter, AnswerStreamEvent } from "../../schemas/answer-events.ts";
import { type AnswerDeadLetterRow, answerDeadLetters } from "../../schemas/d1-answer-tables.ts";

/** How a dead-lettered message is recorded: a poison wrapper says why; anything else ran out of retries. */
function classify(body: unknown): Pick<AnswerDeadLetterRow, "kind" | "reason" | "eventId" | "eventType"> {
  const poison = AnswerDeadLetter.safeParse(body);
  const inner = poison.success ? poison.data.body : body;
  const event = AnswerStreamEvent.safeParse(inner);
  return {
    kind: poison.success ? "poison" : "undelivered",
    reason: poison.success ? poison.data.reason : "every delivery attempt failed (the origin was unreachable)",
    eventId: event.success ? event.data.id : null,
    eventType: event.success ? event.data.type : null,
  };
}

/** Records one dead letter (once per message id). */
export async function recordAnswerDeadLetter(db: D1Database, message: Message<unknown>, now: string): Promise<void> {
  await drizzle(db)
    .insert(answerDeadLetters)
    .values({
      messageId: message.id,
      ...classify(message.body),
      attempts: message.attempts,
      body: message.body ?? null,
      receivedAt: now,
    })
    .onConflictDoNothing();
}

/** Valid events whose retries ran out and that were not sent back yet. */
const replayable = and(eq(answerDeadLetters.kind, "undelivered"), isNull(answerDeadLetters.replayedAt));

/** The newest dead letters, how many there are, and how many are waiting for a replay. */
export async function listAnswerDeadLetters(
  db: D1Database,
  limit: number,
): Promise<{ total: number; pending: number; items: AnswerDeadLetterRow[] }> {
  const client = drizzle(db);
  const [items, [total], [pending]] = await Promise.all([
    client.select().from(answerDeadLetters).orderBy(desc(answerDeadLetters.receivedAt)).limit(limit),
    client.select({ n: count() }).from(answerDeadLetters),
    client.select({ n: count() }).from(answerDeadLetters).where(replayable),
  ]);
  return { total: total?.n ?? 0, pending: pending?.n ?? 0, items };
}

/**
 * Sends undelivered events back to the stream (after an outage outlasted the retries); the
 * consumer's idempotent writes make a replay safe. Poison is never replayed: no retry fixes it.
 */
export async function replayAnswerDeadLetters(
  db: D1Database,
  queue: Queue<AnswerStreamEvent>,
  now: string,
  // D1 binds at most 100 parameters: the ids and the timestamp.
  limit = 90,
): Promise<{ replayed: number }> {
  const client = drizzle(db);
  const rows = await client.select().from(answerDeadLetters).where(replayable).limit(limit);
  const events = rows.flatMap((row) => {
    const event = AnswerStreamEvent.safeParse(row.body);
    return event.success ? [{ row, event: event.data }] : [];
  });
  if (events.length > 0) await queue.sendBatch(events.map((e) => ({ body: e.event })));
  const ids = events.map((e) => e.row.messageId);
  if (ids.length > 0) {
    await client.update(answerDeadLetters).set({ replayedAt: now }).where(inArray(answerDeadLetters.messageId, ids));
  }
  return { replayed: events.length };
}
