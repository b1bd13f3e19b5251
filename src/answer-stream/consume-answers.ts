import { type AnswerDeadLetter, AnswerStreamEvent } from "../../schemas/answer-events.ts";
import type { OriginConnection } from "../origin/client.ts";
import { type BackoffLimits, backoffSeconds } from "../pipeline/queue/backoff.ts";
import type { WriteDeps } from "../questions/write-through.ts";
import { publishCalibration } from "./publish-calibration.ts";
import { type BatchWriteResult, writeEventBatch } from "./write-batch.ts";

/**
 * Retries while the origin is down: 2 s, 4 s… up to 5 min; with `max_retries = 100` in
 * wrangler.toml a batch waits out about eight hours of outage before it is dead-lettered.
 */
export const ANSWER_BACKOFF: BackoffLimits = { baseSeconds: 2, maxSeconds: 300 };

export interface AnswersConsumerDeps {
  origin: OriginConnection;
  /** The questions write path, for publishing calibrated difficulties. */
  writeDeps: WriteDeps;
  deadLetters: Queue<AnswerDeadLetter>;
  random?: () => number;
}

export interface AnswerBatchOutcome {
  written: BatchWriteResult | null;
  poison: number;
  retried: number;
  published: string[];
}

/**
 * SQLSTATE classes that mean "this data can never be written" (22: data exception, 23:
 * integrity violation), as opposed to the origin being unreachable or busy.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function deadLetter(deps: AnswersConsumerDeps, message: Message<unknown>, reason: string): Promise<void> {
  await deps.deadLetters.send({ kind: "answer-poison", reason, body: message.body });
  message.ack();
}

/**
 * The ANSWERS_QUEUE consumer. The whole batch goes to the origin in one statement
 * (write-batch.ts), then the calibrations that moved are published. Unreadable messages go
 * to the dead-letter queue at once. With the origin down every message is retried with
 * backoff; when the origin refuses the data itself, each message is written alone so only the
 * one it refuses is dead-lettered.
 */
export async function consumeAnswerBatch(
  batch: MessageBatch<unknown>,
  deps: AnswersConsumerDeps,
): Promise<AnswerBatchOutcome> {
  const outcome: AnswerBatchOutcome = { written: null, poison: 0, retried: 0, published: [] };
  const valid: { message: Message<unknown>; event: AnswerStreamEvent }[] = [];
  for (const message of batch.messages) {
    const parsed = AnswerStreamEvent.safeParse(message.body);
    if (parsed.success) {
      valid.push({ message, event: parsed.data });
      continue;
    }
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
      .join("; ");
    await deadLetter(deps, message, `not a valid answer-stream event: ${where}`);
    outcome.poison++;
  }
  if (valid.length === 0) return outcome;

  const retry = (message: Message<unknown>) => {
    message.retry({ delaySeconds: backoffSeconds(message.attempts, deps.random, ANSWER_BACKOFF) });
    outcome.retried++;
  };
  try {
    outcome.written = await writeEventBatch(
      deps.origin,
      valid.map((v) => v.event),
    );
    for (const v of valid) v.message.ack();
  } catch (error) {
    if (!isDataError(error)) {
      console.warn(`answers: origin write failed, ${valid.length} messages retried;`, describe(error));
      for (const v of valid) retry(v.message);
      return outcome;
    }
    outcome.written = { answersInserted: 0, sessionsWritten: 0, calibrated: [] };
    for (const v of valid) {
      try {
        const one = await writeEventBatch(deps.origin, [v.event]);
        outcome.written.answersInserted += one.answersInserted;
        outcome.written.sessionsWritten += one.sessionsWritten;
        outcome.written.calibrated.push(...one.calibrated);
        v.message.ack();
      } catch (single) {
        if (!isDataError(single)) retry(v.message);
        else {
          await deadLetter(deps, v.message, `the origin refused it: ${describe(single)}`);
          outcome.poison++;
        }
      }
    }
  }
  outcome.published = await publishCalibration(deps.writeDeps, outcome.written.calibrated);
  return outcome;
}
