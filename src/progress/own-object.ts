import type { ReviewsResponse, StatsResponse } from "../../schemas/progress-api.ts";
import { adaptiveSettings } from "../adaptive/settings.ts";
import type { Learner } from "../auth/learner-jwt.ts";
import { loadSettings } from "../config/read-config.ts";
import { AppError } from "../http/problem.ts";
import type { LearnerObject } from "../sessions/learner-object.ts";
import { callObject, learnerObject } from "../sessions/learner-stub.ts";
import type { ObjectReply } from "../sessions/object/reply.ts";
import type { Caller } from "../sessions/object/requests.ts";

/** What reading a learner's own figures needs: their objects and the settings. */
export type OwnObjectEnv = Pick<Env, "LEARNER" | "CONFIG_KV">;

/**
 * Calls the signed-in learner's own object (`/api/me/*` and the learner pages); anonymous
 * callers get 401, since their figures live nowhere.
 */
async function callOwnObject<T>(
  env: OwnObjectEnv,
  learner: Learner | null,
  call: (stub: DurableObjectStub<LearnerObject>, caller: Caller) => Promise<ObjectReply>,
): Promise<T> {
  if (!learner) {
    throw new AppError("unauthorized", "sign in: these figures belong to a learner account", {
      headers: { "www-authenticate": "Bearer" },
    });
  }
  const { settings } = await loadSettings(env.CONFIG_KV);
  const caller: Caller = { learnerId: learner.id, settings: adaptiveSettings(settings, learner.id) };
  // A signed-in learner's object is named by their id alone; the session id plays no part.
  const stub = learnerObject(env.LEARNER, learner.id, "");
  return (await callObject<T>(() => call(stub, caller))).value;
}

/** The learner's figures, with the ability history of each category. */
export function readStats(env: OwnObjectEnv, learner: Learner | null): Promise<StatsResponse> {
  return callOwnObject(env, learner, (stub, caller) => stub.stats(caller));
}

/** The learner's due review cards, most at risk first. */
export function readReviews(env: OwnObjectEnv, learner: Learner | null): Promise<ReviewsResponse> {
  return callOwnObject(env, learner, (stub, caller) => stub.reviews(caller));
}
