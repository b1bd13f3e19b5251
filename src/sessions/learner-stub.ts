import { AppError } from "../http/problem.ts";
import { type ObjectReply, replyError } from "./object/reply.ts";
import { sessionLocationHint } from "./session-id.ts";

/** Seconds a client waits before retrying when the learner object cannot be reached. */
export const LEARNER_RETRY_AFTER_S = 5;

const ANONYMOUS_PREFIX = "anonymous:";

/**
 * The object holding a session: the signed-in learner's own ("user:<sub>"), or for an
 * anonymous session one shared by anonymous sessions ("anonymous:<hint>:<2 hex digits of its id>"),
 * where the whole id (124 random bits) is the only key to it. A signed-in caller lands on
 * their own object, so no caller can tell a session of someone else's from one that does not
 * exist.
 */
export function learnerObject(namespace: Env["LEARNER"], learnerId: string | null, sessionId: string) {
  if (learnerId !== null) return namespace.get(namespace.idFromName(`user:${learnerId}`));
  const locationHint = sessionLocationHint(sessionId);
  return namespace.get(namespace.idFromName(anonymousObjectName(sessionId)), locationHint ? { locationHint } : {});
}

/**
 * Anonymous sessions share objects, 256 per location hint (the id's first digit names the
 * hint, the next two the object): a new object for every session cost its creation and its
 * schema, most of the work of a start, and the hint keeps the shared object near its players.
 */
export function anonymousObjectName(sessionId: string): string {
  return `${ANONYMOUS_PREFIX}${sessionLocationHint(sessionId) ?? "any"}:${sessionId.slice(3, 5)}`;
}

/** Whether an object (by its id's name, `ctx.id.name`) holds anonymous sessions; unnamed ids count as a learner's. */
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
