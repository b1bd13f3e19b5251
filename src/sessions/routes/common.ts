import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SessionId } from "../../../schemas/session-api.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { problemContent } from "../../http/problem.ts";
import { queryDeps } from "../../questions/routes/common.ts";
import type { SessionDeps } from "../session-service.ts";

/** The read path's dependencies with the bindings sessions add. */
export function sessionDeps(c: Context<AppEnv>): SessionDeps {
  return { ...queryDeps(c), env: c.env };
}

export const SessionParams = z.object({ id: SessionId });

/** Session state is per learner and changes with every answer. */
export const SESSION_CACHE_CONTROL = "private, no-store";

export const sessionErrors = {
  400: problemContent("A header or the session id is not valid"),
  401: problemContent("The learner token is not valid"),
  404: problemContent("No session with this id for this caller (another learner's session is not found either)"),
  429: problemContent("Rate limited; see Retry-After and RateLimit headers"),
  503: problemContent("The learner's session store or the question source cannot be reached; see Retry-After"),
} as const;
