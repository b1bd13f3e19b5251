/**
 * What ENVIRONMENT=production changes: the development values of `.dev.vars.example` (and
 * admin tokens short enough to guess) are refused, development-only routes are off, and
 * /api/health names each setting that is wrong, as a code, never its value.
 */

type PostureEnv = Partial<
  Pick<
    Env,
    | "ENVIRONMENT"
    | "SUPABASE_JWT_SECRET"
    | "SUPABASE_JWKS_URL"
    | "SUPABASE_URL"
    | "ADMIN_TOKENS"
    | "ACCESS_TEAM_DOMAIN"
    | "UPSTASH_REDIS_REST_URL"
    | "UPSTASH_REDIS_REST_TOKEN"
    | "SCRAPER_ALLOWED_PRIVATE_HOSTS"
  >
>;

/** The secrets `.dev.vars.example` ships with. */
export const DEVELOPMENT_VALUES = new Set([
  "dev-jwt-secret",
  "dev-editor-token",
  "dev-viewer-token",
  "dev-upstash-token",
]);

/** 32 characters of a random token are far beyond guessing at the sign-in lock's pace. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

export function isProduction(env: Pick<PostureEnv, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT?.trim().toLowerCase() === "production";
}

/** Whether a configured secret (admin token, JWT secret) may be used: outside production any, in it no weak one. */
export function usableSecret(env: Pick<PostureEnv, "ENVIRONMENT">, secret: string): boolean {
  if (!isProduction(env)) return true;
  return !DEVELOPMENT_VALUES.has(secret) && secret.length >= MIN_PRODUCTION_SECRET_LENGTH;
}

export type PostureProblemCode = "development_value" | "too_short" | "missing" | "not_https" | "set";

export interface PostureProblem {
  setting: keyof PostureEnv;
  problem: PostureProblemCode;
}

function secretProblem(env: PostureEnv, secret: string): PostureProblemCode | null {
  if (usableSecret(env, secret)) return null;
  return DEVELOPMENT_VALUES.has(secret) ? "development_value" : "too_short";
}

function adminTokenValues(raw: string | undefined): string[] {
  return (raw ?? "").split(",").flatMap((entry) => {
    const at = entry.indexOf(":");
    const token = entry.slice(at + 1).trim();
    return at > 0 && token ? [token] : [];
  });
}

/** What is wrong with a production deployment's settings (nothing outside production). */
export function postureProblems(env: PostureEnv): PostureProblem[] {
  if (!isProduction(env)) return [];
  const problems: PostureProblem[] = [];
  const add = (setting: PostureProblem["setting"], problem: PostureProblemCode | null) => {
    if (problem) problems.push({ setting, problem });
  };
  if (!env.SUPABASE_JWKS_URL) {
    add("SUPABASE_JWT_SECRET", env.SUPABASE_JWT_SECRET ? secretProblem(env, env.SUPABASE_JWT_SECRET) : "missing");
  }
  if (!env.SUPABASE_URL) add("SUPABASE_URL", "missing");
  const tokens = adminTokenValues(env.ADMIN_TOKENS);
  const tokenProblems = tokens.map((token) => secretProblem(env, token));
  add("ADMIN_TOKENS", tokenProblems.find((p) => p === "development_value") ?? tokenProblems.find((p) => p) ?? null);
  if (tokens.length === 0 && !env.ACCESS_TEAM_DOMAIN) add("ADMIN_TOKENS", "missing");
  if (env.UPSTASH_REDIS_REST_TOKEN && DEVELOPMENT_VALUES.has(env.UPSTASH_REDIS_REST_TOKEN)) {
    add("UPSTASH_REDIS_REST_TOKEN", "development_value");
  }
  if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_URL.startsWith("https://")) {
    add("UPSTASH_REDIS_REST_URL", "not_https");
  }
  // Private and loopback hosts are for scraping local test sources, never a deployment.
  if (env.SCRAPER_ALLOWED_PRIVATE_HOSTS?.trim()) add("SCRAPER_ALLOWED_PRIVATE_HOSTS", "set");
  return problems;
}
