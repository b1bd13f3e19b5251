import type { Candidate, ValidateMessage } from "../../../schemas/pipeline-messages.ts";

/** Queues take messages of at most 128 KB; leave room for the envelope and encoding. */
export const MESSAGE_BYTES = 120 * 1024;
/** A sendBatch call takes at most 100 messages and 256 KB in all. */
export const SEND_BATCH_MESSAGES = 100;
export const SEND_BATCH_BYTES = 250 * 1024;
/** Candidates per validate message: bounds one consumer invocation's model calls. */
export const CANDIDATES_PER_MESSAGE = 25;

const encoder = new TextEncoder();
const size = (value: unknown) => encoder.encode(JSON.stringify(value)).byteLength;

export interface Batched {
  messages: ValidateMessage[];
  /** Candidates that alone exceed a message; reported as failed. */
  oversized: Candidate[];
}

/** Packs candidates into validate messages under the size and count limits, in order. */
export function packCandidates(runId: string, sourceId: string, candidates: Candidate[]): Batched {
  const messages: ValidateMessage[] = [];
  const oversized: Candidate[] = [];
  const envelope = size({ kind: "validate", runId, sourceId, batch: 999_999, candidates: [] });
  let current: Candidate[] = [];
  let bytes = envelope;
  const flush = () => {
    if (current.length === 0) return;
    messages.push({ kind: "validate", runId, sourceId, batch: messages.length, candidates: current });
    current = [];
    bytes = envelope;
  };
  for (const candidate of candidates) {
    const itemBytes = size(candidate) + 1;
    if (envelope + itemBytes > MESSAGE_BYTES) {
      oversized.push(candidate);
      continue;
    }
    if (bytes + itemBytes > MESSAGE_BYTES || current.length >= CANDIDATES_PER_MESSAGE) flush();
    current.push(candidate);
    bytes += itemBytes;
  }
  flush();
  return { messages, oversized };
}

/** Sends messages in sendBatch calls that respect the per-call count and byte limits. */
export async function sendAll<T>(queue: Queue<T>, bodies: T[]): Promise<void> {
  let group: MessageSendRequest<T>[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const itemBytes = size(body);
    if (group.length > 0 && (group.length >= SEND_BATCH_MESSAGES || bytes + itemBytes > SEND_BATCH_BYTES)) {
      await queue.sendBatch(group);
      group = [];
      bytes = 0;
    }
    group.push({ body, contentType: "json" });
    bytes += itemBytes;
  }
  if (group.length > 0) await queue.sendBatch(group);
}
