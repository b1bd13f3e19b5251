import type { Context } from "hono";
import { adaptiveSettings } from "../adaptive/settings.ts";
import { loadSettings } from "../config/read-config.ts";
import type { AppEnv } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import type { LearnerObject } from "../sessions/learner-object.ts";
import { callObject, learnerObject } from "../sessions/learner-stub.ts";
import type { ObjectReply } from "../sessions/object/reply.ts";
import type { Caller } from "../sessions/object/requests.ts";

/**
 * Calls the signed-in learner's own object (`/api/me/*`); anonymous callers get 401, since
 * their figures live nowhere.
 */
export async function callOwnObject<T>(
  c: Context<AppEnv>,
  call: (stub: DurableObjectStub<LearnerObject>, caller: Caller) => Promise<ObjectReply>,
): Promise<T> {
  const learner = c.get("learner");
  if (!learner) {
    throw new AppError("unauthorized", "sign in: these figures belong to a learner account", {
      headers: { "www-authenticate": "Bearer" },
    });
  }
  const { settings } = await loadSettings(c.env.CONFIG_KV);
  const caller: Caller = { learnerId: learner.id, settings: adaptiveSettings(settings, learner.id) };
  // A signed-in learner's object is named by their id alone; the session id plays no part.
  const stub = learnerObject(c.env.LEARNER, learner.id, "");
  return (await callObject<T>(() => call(stub, caller))).value;
}
