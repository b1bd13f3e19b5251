import { DeadLetterBody, type ScrapeMessage, type ValidateMessage } from "../../../schemas/pipeline-messages.ts";
import { recordEachMessage } from "../../queues/record-each.ts";
import type { SourceProgress } from "../runs/run-progress.ts";
import { recordProgress } from "../runs/run-progress.ts";
import { scrapeReceiptKey } from "../scrape/scrape-source.ts";
import { validateReceiptKey } from "../validate/validate-batch.ts";

/**
 * Records every dead letter where the run's page shows it, and settles what it stood for:
 * a dead scrape fails its source; a dead validate batch counts its questions as failed and
 * lets the source finish. Keyed like the original message, so a batch that did complete is
 * not counted twice.
 */
export async function consumeDeadLetters(
  batch: MessageBatch<unknown>,
  deps: { db: D1Database; now?: () => Date },
): Promise<void> {
  const now = deps.now ?? (() => new Date());
  await recordEachMessage(batch, "dead-letter", (message) => recordDeadLetter(deps.db, message, now().toISOString()));
}

/**
 * What can still be read from a message no consumer could parse: enough to settle its run
 * (run, source, batch and how many questions), so the run does not wait for it forever.
 */
function salvage(body: unknown): ScrapeMessage | ValidateMessage | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  if (typeof b.runId !== "string") return null;
  const source = b.source as Record<string, unknown> | undefined;
  if (b.kind === "scrape" && typeof source?.id === "string") {
    return { kind: "scrape", runId: b.runId, source: source as unknown as ScrapeMessage["source"] };
  }
  if (b.kind === "validate" && typeof b.sourceId === "string" && Number.isInteger(b.batch)) {
    const candidates = Array.isArray(b.candidates) ? (b.candidates as ValidateMessage["candidates"]) : [];
    return { kind: "validate", runId: b.runId, sourceId: b.sourceId, batch: b.batch as number, candidates };
  }
  return null;
}

async function recordDeadLetter(db: D1Database, message: Message<unknown>, now: string): Promise<void> {
  const parsed = DeadLetterBody.safeParse(message.body);
  const kind = parsed.success ? parsed.data.kind : "unreadable";
  // What the message stood for: itself, or what can be read of a poison message's body.
  const body = parsed.success ? (parsed.data.kind === "poison" ? salvage(parsed.data.body) : parsed.data) : null;
  const runId = body?.runId ?? null;
  const sourceId = body?.kind === "scrape" ? body.source.id : (body?.sourceId ?? null);
  await db
    .prepare(
      `INSERT INTO dead_letters (message_id, run_id, source_id, kind, attempts, body, received_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (message_id) DO NOTHING`,
    )
    .bind(message.id, runId, sourceId, kind, message.attempts, JSON.stringify(message.body ?? null), now)
    .run();
  if (!body || !runId || !sourceId) return;

  const error = { stage: "dead-letter" as const, message: "the message failed on every retry and was dead-lettered" };
  const progress: SourceProgress =
    body.kind === "scrape"
      ? { failed: true, errors: [error] }
      : {
          batchDone: true,
          counts: { failed: body.candidates.length },
          errors: [{ ...error, record: `batch ${body.batch}` }],
        };
  const receiptKey =
    body.kind === "scrape" ? scrapeReceiptKey(runId, sourceId) : validateReceiptKey(runId, sourceId, body.batch);
  await recordProgress(db, { runId, sourceId, receiptKey, progress, now });
}
