import type { AdminRole } from "../auth/admin-tokens.ts";
import type { Learner } from "../auth/learner-jwt.ts";
import type { OriginConnection } from "../origin/client.ts";

/** Per-request values set by middleware. */
export interface AppVariables {
  requestId: string;
  /** The verified learner, or null for anonymous requests. */
  learner: Learner | null;
  /** Opens (once per request) the connection to the Postgres origin. */
  origin: () => OriginConnection;
  /** Set by `requireAdmin` on admin routes. */
  admin?: { role: AdminRole; name: string };
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
