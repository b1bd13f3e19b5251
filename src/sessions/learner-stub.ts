import { AppError } from "../http/problem.ts";
import { type ObjectReply, replyError } from "./object/reply.ts";

/** Seconds a client waits before retrying when the learner object cannot be reached. */
export const LEARNER_RETRY_AFTER_S = 5;

const ANONYMOUS_PREFIX = "session:";

/**
 * The object holding a session: the signed-in learner's own ("user:<sub>"), or for an
 * anonymous session one of its own ("session:<id>"). Another caller lands on another object,
 * so it cannot tell a session of someone else's from one that does not exist.
 */
export function learnerObject(namespace: Env["LEARNER"], learnerId: string | null, sessionId: string) {
  const name = learnerId === null ? `${ANONYMOUS_PREFIX}${sessionId}` : `user:${learnerId}`;
  return namespace.get(namespace.idFromName(name));
}

/** Whether an object (by its id's name) holds one anonymous session; unnamed ids count as a learner's. */
export function isAnonymousObject(id: DurableObjectId): boolean {
  return id.name?.startsWith(ANONYMOUS_PREFIX) === true;
}

/** A successful reply with its parsed body; an error reply as its AppError; an unreachable object as 503. */
export async function callObject<T>(
  call: () => Promise<ObjectReply>,
): Promise<{ status: number; body: string; value: T }> {
  let reply: ObjectReply;
  try {
    reply = await call();
  } catch (error) {
    throw new AppError("unavailable", "the learner's session store cannot be reached; retry shortly", {
      headers: { "retry-after": String(LEARNER_RETRY_AFTER_S) },
      cause: error,
    });
  }
  if (!reply.ok) throw replyError(reply);
  return { status: reply.status, body: reply.body, value: JSON.parse(reply.body) as T };
}
