import type { Settings } from "../../schemas/config-registry.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import type {
  AnswerResult,
  SessionState,
  SessionSummary,
  StartSessionBody,
  SubmitAnswerBody,
} from "../../schemas/session-api.ts";
import { adaptiveSettings } from "../adaptive/settings.ts";
import type { Learner } from "../auth/learner-jwt.ts";
import { evaluateFlag } from "../config/flags.ts";
import { loadSettings } from "../config/read-config.ts";
import { AppError } from "../http/problem.ts";
import { publicName } from "../leaderboards/display-name.ts";
import type { QueryDeps } from "../questions/query-cache.ts";
import { callObject, learnerObject } from "./learner-stub.ts";
import type { LocationHint } from "./location-hint.ts";
import type { Caller } from "./object/requests.ts";
import { newSessionId } from "./session-id.ts";
import { listCategories, matchTopic } from "./topics.ts";

/** What the session services need: the read path's dependencies, the learner objects and config. */
export interface SessionDeps extends QueryDeps {
  env: QueryDeps["env"] & Pick<Env, "LEARNER" | "CONFIG_KV">;
}

/** A service's answer: the value, and the exact bytes the learner object produced for it. */
export interface SessionReply<T> {
  status: number;
  body: string;
  value: T;
}

/** The caller as learner objects see it, with the settings in force. */
async function caller(deps: SessionDeps, learner: Learner | null): Promise<Caller & { all: Settings }> {
  const { settings } = await loadSettings(deps.env.CONFIG_KV);
  return { learnerId: learner?.id ?? null, settings: adaptiveSettings(settings, learner?.id ?? null), all: settings };
}

/**
 * Starts a quiz on a topic (a category, or a prefix of a category or tag). The engine is
 * chosen per learner by `features.beta_engine` (anonymous: per session). 404 for an unknown topic.
 */
export async function startSession(
  deps: SessionDeps,
  learner: Learner | null,
  input: StartSessionBody,
  location: LocationHint | null = null,
): Promise<SessionReply<SessionState>> {
  const language = input.language?.toLowerCase();
  const { value: list } = await listCategories(deps, {});
  const category = matchTopic(list?.categories ?? [], input.topic, language);
  if (!category) {
    throw new AppError(
      "not_found",
      `no category matches the topic '${input.topic}'${language ? ` in '${language}'` : ""}`,
      {
        errors: [{ path: "topic", message: "see GET /api/categories" }],
      },
    );
  }
  const who = await caller(deps, learner);
  // Only an anonymous session's id needs the hint: a learner's sessions live in their own object.
  const sessionId = newSessionId(learner ? null : location);
  const flag = who.all["features.beta_engine"] as FeatureFlag;
  const beta = evaluateFlag("features.beta_engine", flag, who.learnerId ?? sessionId).enabled;
  const stub = learnerObject(deps.env.LEARNER, who.learnerId, sessionId);
  return callObject<SessionState>(() =>
    stub.startSession({
      sessionId,
      learnerId: who.learnerId,
      settings: who.settings,
      category: category.name,
      language: language ?? null,
      length: input.length,
      level: input.difficulty,
      mode: input.mode,
      engine: beta ? "irt" : "step",
      timeZone: input.timeZone ?? null,
      displayName: learner ? publicName(learner.name, learner.id) : null,
    }),
  );
}

/** A session's state and current question; 404 when it is not the caller's. */
export async function getSession(
  deps: SessionDeps,
  learner: Learner | null,
  sessionId: string,
): Promise<SessionReply<SessionState>> {
  const who = await caller(deps, learner);
  const stub = learnerObject(deps.env.LEARNER, who.learnerId, sessionId);
  return callObject<SessionState>(() =>
    stub.getSession(sessionId, { learnerId: who.learnerId, settings: who.settings }),
  );
}

/** Grades an answer once per idempotency key; a retry gets the stored bytes. */
export async function submitAnswer(
  deps: SessionDeps,
  learner: Learner | null,
  sessionId: string,
  idempotencyKey: string,
  body: SubmitAnswerBody,
): Promise<SessionReply<AnswerResult>> {
  const who = await caller(deps, learner);
  const stub = learnerObject(deps.env.LEARNER, who.learnerId, sessionId);
  return callObject<AnswerResult>(() =>
    stub.submitAnswer({ sessionId, idempotencyKey, body, learnerId: who.learnerId, settings: who.settings }),
  );
}

/** Ends a session (again: the same summary). */
export async function finishSession(
  deps: SessionDeps,
  learner: Learner | null,
  sessionId: string,
): Promise<SessionReply<SessionSummary>> {
  const who = await caller(deps, learner);
  const stub = learnerObject(deps.env.LEARNER, who.learnerId, sessionId);
  return callObject<SessionSummary>(() =>
    stub.finishSession(sessionId, { learnerId: who.learnerId, settings: who.settings }),
  );
}
