import type { OriginConnection } from "../origin/client.ts";

export type DependencyName = "kv" | "d1" | "r2" | "queues" | "origin";

export interface DependencyState {
  status: "ok" | "down";
  latencyMs: number;
  /** Whether the API needs it to serve learners; a required dependency down makes health 503. */
  required: boolean;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3000;

async function timed(required: boolean, probe: () => Promise<unknown>): Promise<DependencyState> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started), required };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "down", latencyMs: Math.round(performance.now() - started), required, error: message };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Probes every dependency in parallel. KV and D1 are required (the edge serves from them);
 * the origin, R2 and queues only degrade service when down, since cached questions still flow.
 */
export async function checkDependencies(
  env: Pick<Env, "QUESTIONS_KV" | "DB" | "MEDIA" | "SCRAPE_QUEUE" | "VALIDATE_QUEUE" | "DEAD_LETTER_QUEUE">,
  origin: () => OriginConnection,
): Promise<Record<DependencyName, DependencyState>> {
  const [kv, d1, r2, queues, originState] = await Promise.all([
    timed(true, () => env.QUESTIONS_KV.get("health:probe")),
    timed(true, () => env.DB.prepare("SELECT 1 AS ok").first()),
    timed(false, () => env.MEDIA.head("health/probe")),
    // Producers cannot be probed without enqueueing work; a missing binding is what can be told.
    timed(false, async () => {
      for (const queue of [env.SCRAPE_QUEUE, env.VALIDATE_QUEUE, env.DEAD_LETTER_QUEUE]) {
        if (typeof queue?.send !== "function") throw new Error("a queue producer binding is missing");
      }
    }),
    timed(false, () => origin().sql`SELECT 1 AS ok`),
  ]);
  return { kv, d1, r2, queues, origin: originState };
}
