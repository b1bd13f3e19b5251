import type { AdminRole } from "../auth/admin-roles.ts";
import type { Learner } from "../auth/learner-jwt.ts";
import type { OriginConnection } from "../origin/client.ts";

/** Per-request values set by middleware. */
export interface AppVariables {
  requestId: string;
  /** The verified learner, or null for anonymous requests. */
  learner: Learner | null;
  /** Opens (once per request) the connection to the Postgres origin. */
  origin: () => OriginConnection;
  /**
   * Set by `requireAdmin` on admin routes: the role, how it was granted (`editor-token`,
   * `viewer-access`...) and the person a verified Cloudflare Access JWT names, if any.
   */
  admin?: { role: AdminRole; name: string; person?: string | null };
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
