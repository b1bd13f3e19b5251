import type { ObjectReply } from "./reply.ts";

interface Claim {
  /** The canonical request the key was first used with. */
  request: string;
  /** Settles with the reply of the request holding the claim. */
  reply: Promise<ObjectReply>;
}

/**
 * In-memory claims of a learner object's answers in progress: one per idempotency key and
 * one per session (its current question). They are taken synchronously before the grading's
 * first await, so concurrent calls see them; they vanish with the object, as does the work
 * they guard (nothing is committed until the grading's final transaction).
 */
export class AnswerClaims {
  readonly #keys = new Map<string, Claim>();
  readonly #sessions = new Set<string>();

  /** The claim on `keyId`, while its request runs. */
  running(keyId: string): Claim | undefined {
    return this.#keys.get(keyId);
  }

  /** Whether an answer for this session is being graded. */
  busy(sessionId: string): boolean {
    return this.#sessions.has(sessionId);
  }

  /** Runs `work` holding both claims; concurrent calls with the key can await its reply. */
  async hold(
    sessionId: string,
    keyId: string,
    request: string,
    work: () => Promise<ObjectReply>,
  ): Promise<ObjectReply> {
    const reply = Promise.resolve().then(work);
    this.#keys.set(keyId, { request, reply: reply.catch(() => ({ ok: false, problem: lostReply })) });
    this.#sessions.add(sessionId);
    try {
      return await reply;
    } finally {
      this.#keys.delete(keyId);
      this.#sessions.delete(sessionId);
    }
  }
}

const lostReply = {
  code: "unavailable",
  detail: "the first request with this Idempotency-Key failed; retry",
  headers: { "retry-after": "1" },
} as const;

/** The reply of `claim`, or null when it has not settled within `ms`. */
export async function replyWithin(claim: Claim, ms: number): Promise<ObjectReply | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([claim.reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
