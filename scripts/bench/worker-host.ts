import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Miniflare } from "miniflare";
import type { Question } from "../../schemas/question.ts";
import { d1Insert } from "./fixtures.ts";

export const BENCH_VIEWER_TOKEN = "bench-viewer-token";
/** The learner JWT secret the bench and load runs sign tokens with. */
export const BENCH_JWT_SECRET = "bench-jwt-secret";
const COMPATIBILITY_DATE = "2026-11-01";
const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Bundles a Worker entry as `wrangler deploy` would (`--dry-run`: nothing is uploaded) into
 * `outDir`; the main Worker unless `entry` names another entry of workers/. Returns the bundle.
 */
export function buildWorker(outDir: string, entry = "workers/index.ts"): string {
  const result = spawnSync("npx", ["wrangler", "deploy", entry, "--dry-run", "--outdir", outDir], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error(`wrangler build of ${entry} failed`);
  return join(outDir, `${basename(entry, ".ts")}.js`);
}

interface WorkerSpec {
  name: string;
  modulesRoot: string;
  mainModule: string;
  contents: string;
  env?: Record<string, unknown>;
  /** Durable Object bindings: binding name -> class exported by the main module (SQLite storage). */
  durableObjects?: Record<string, string>;
}

function workers(specs: WorkerSpec[], options: { inspectorPort?: number } = {}): Miniflare {
  return new Miniflare({
    ...options,
    workers: specs.map((spec) => ({
      config: {
        name: spec.name,
        compatibilityDate: COMPATIBILITY_DATE,
        compatibilityFlags: ["nodejs_compat"],
        manifest: {
          mainModule: spec.mainModule,
          modulesRoot: spec.modulesRoot,
          modules: { [spec.mainModule]: { type: "esm" as const, contents: spec.contents } },
        },
        // The binding union is wide; Miniflare validates these shapes when it starts.
        env: {
          ...spec.env,
          ...Object.fromEntries(
            Object.entries(spec.durableObjects ?? {}).map(([binding, exportName]) => [
              binding,
              { type: "durable-object", worker: spec.name, exportName },
            ]),
          ),
        } as never,
        exports: Object.fromEntries(
          Object.values(spec.durableObjects ?? {}).map((exportName) => [
            exportName,
            { type: "durable-object" as const, storage: "sqlite" as const },
          ]),
        ),
      },
    })),
  });
}

/** A hello-world Worker, run exactly like the app: the harness's ceiling. */
export function startHelloWorld(): Miniflare {
  const contents = 'export default { fetch() { return new Response("hello world"); } };';
  return workers([{ name: "hello-world", modulesRoot: "/", mainModule: "index.js", contents }]);
}

const text = (value: string) => ({ type: "text", value });

/**
 * The built Worker bundle in workerd through Miniflare (no `wrangler dev` proxy), with
 * in-memory KV, D1 and R2 and its Hyperdrive binding pointed at `originUrl`.
 *
 * The learner rate limit: by default no LEARNER_RATE_LIMITER binding is bound, so the app
 * limits with its isolate-local limiter (same policy, called on every request). Miniflare's
 * simulation of the binding sends each call through a Durable Object that writes SQLite,
 * several times the cost of a whole hello-world request here, while the production binding
 * counts in a memcached-backed store in the same location; `miniflareRateLimit` measures
 * with the simulator anyway (limit raised out of the way).
 */
export async function startApp(
  bundlePath: string,
  originUrl: string,
  options: { miniflareRateLimit?: boolean; inspectorPort?: number; vars?: Record<string, string> } = {},
): Promise<Miniflare> {
  const contents = await readFile(bundlePath, "utf8");
  const limiter = options.miniflareRateLimit
    ? { LEARNER_RATE_LIMITER: { type: "rate-limit", namespace: "1001", simple: { limit: 1_000_000_000, period: 60 } } }
    : {};
  const app: WorkerSpec = {
    name: "edge-quiz",
    modulesRoot: dirname(bundlePath),
    mainModule: basename(bundlePath),
    contents,
    durableObjects: {
      LEARNER: "LearnerObject",
      SIGN_IN_GUARD: "SignInGuard",
      NEAR_DUPLICATE_BANDS: "NearDuplicateBands",
    },
    env: {
      QUESTIONS_KV: { type: "kv" },
      CONFIG_KV: { type: "kv" },
      DB: { type: "d1" },
      MEDIA: { type: "r2" },
      ORIGIN: { type: "hyperdrive", id: "bench-origin", dev: { connectionString: originUrl } },
      SCRAPE_QUEUE: { type: "queue", name: "edge-quiz-scrape" },
      VALIDATE_QUEUE: { type: "queue", name: "edge-quiz-validate" },
      DEAD_LETTER_QUEUE: { type: "queue", name: "edge-quiz-dlq" },
      // The learner objects' outboxes send here; no consumer runs in the bench, so a session
      // answer costs the outbox write, its alarm and the send, not the origin write.
      ANSWERS_QUEUE: { type: "queue", name: "edge-quiz-answers" },
      ANSWERS_DEAD_LETTER_QUEUE: { type: "queue", name: "edge-quiz-answers-dlq" },
      ...limiter,
      ENVIRONMENT: text("bench"),
      MEDIA_MAX_BYTES: text("10485760"),
      SCRAPER_ALLOWED_PRIVATE_HOSTS: text(""),
      SUPABASE_JWT_SECRET: text(BENCH_JWT_SECRET),
      SUPABASE_JWKS_URL: text(""),
      SUPABASE_URL: text(""),
      SUPABASE_JWT_AUDIENCE: text("authenticated"),
      SUPABASE_JWT_ISSUER: text(""),
      ADMIN_TOKENS: text(`viewer:${BENCH_VIEWER_TOKEN}`),
      OPENAI_API_KEY: text(""),
      OPENAI_BASE_URL: text(""),
      ...Object.fromEntries(Object.entries(options.vars ?? {}).map(([name, value]) => [name, text(value)])),
    },
  };
  return workers([app], { inspectorPort: options.inspectorPort });
}

/** Applies migrations/d1 in order, statement by statement (drizzle marks the breakpoints). */
export async function applyD1Migrations(mf: Miniflare, dir: string): Promise<void> {
  const db = await mf.getD1Database("DB");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  for (const file of files) {
    const statements = (await readFile(join(dir, file), "utf8"))
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);
    for (const statement of statements) await db.prepare(statement).run();
  }
}

/** Inserts questions into the app's D1, 100 a batch. */
export async function seedD1(mf: Miniflare, rows: Question[]): Promise<void> {
  const db = await mf.getD1Database("DB");
  for (let i = 0; i < rows.length; i += 100) {
    await db.batch(
      rows.slice(i, i + 100).map((q) => {
        const { sql, params } = d1Insert(q);
        return db.prepare(sql).bind(...params);
      }),
    );
  }
}
