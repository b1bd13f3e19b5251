import { bumpGeneration, GENERATION_REFRESH_MS } from "../cache/generation.ts";
import { deleteKvEntries } from "../cache/kv-purge.ts";
import { type OriginConnection, openOrigin } from "../origin/client.ts";
import { d1IdsInCategory } from "./d1-store.ts";
import { type D1SyncReport, syncD1All, syncD1Ids } from "./d1-sync.ts";
import { readOriginCategory } from "./origin-store.ts";
import { QUESTION_NAMESPACE, questionCache } from "./question-cache.ts";
import { SIMILAR_NAMESPACE } from "./similar-questions.ts";

export type PurgeEnv = Pick<Env, "QUESTIONS_KV" | "DB" | "ORIGIN">;

export interface PurgeOptions {
  /** The caller's origin connection; otherwise one is opened from `env.ORIGIN` when needed. */
  origin?: OriginConnection;
  /**
   * Re-copy the purged questions from the origin into D1 (default true). The write path,
   * which has just written D1 itself, passes false.
   */
  refreshD1?: boolean;
}

export interface PurgeReport {
  scope: "ids" | "category" | "all";
  /** The question ids whose entries were purged (empty for `all`). */
  ids: string[];
  /** How many questions were purged (for `all`, what the origin holds when reachable). */
  count: number;
  kv: { keysDeleted: number; epochBumped: boolean };
  d1: { refreshed: boolean; upserted: number; removed: number; error?: string };
  memory: string;
  httpCache: string;
  /** The generation isolates will see. */
  generation: string;
  /** From the write path: the purge (or its D1 refresh) failed and is left for the cron to retry. */
  pending?: boolean;
  /** Why it is pending. */
  error?: string;
}

/** Past this many ids a new KV epoch is cheaper than a delete per key (Workers cap operations per request). */
const MAX_KV_DELETES = 250;
/** Per question: its entry and its similarity list. */
const KV_NAMESPACES = [QUESTION_NAMESPACE, SIMILAR_NAMESPACE];

const MEMORY_NOTE = `cleared in this isolate; other isolates see the new generation within ${GENERATION_REFRESH_MS / 1000} s`;
const HTTP_CACHE_NOTE = "caches.default entries are keyed by generation: all unreachable from now on";

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens the origin at most once per purge. */
function originOpener(env: PurgeEnv, options: PurgeOptions): () => OriginConnection {
  let conn = options.origin;
  return () => {
    conn ??= openOrigin(env.ORIGIN);
    return conn;
  };
}

async function refreshD1(work: () => Promise<D1SyncReport>, enabled: boolean): Promise<PurgeReport["d1"]> {
  if (!enabled) return { refreshed: false, upserted: 0, removed: 0 };
  try {
    return { refreshed: true, ...(await work()) };
  } catch (error) {
    // The caches are still purged: reads fall through to D1's current copy, or the origin.
    return { refreshed: false, upserted: 0, removed: 0, error: `D1 not refreshed: ${message(error)}` };
  }
}

async function deleteQuestionEntries(
  kv: KVNamespace,
  ids: string[],
  ctx: Pick<ExecutionContext, "waitUntil"> | undefined,
): Promise<PurgeReport["kv"]> {
  if (ids.length > MAX_KV_DELETES) {
    await bumpGeneration(kv, { kvEpoch: true });
    return { keysDeleted: 0, epochBumped: true };
  }
  return { keysDeleted: await deleteKvEntries(kv, KV_NAMESPACES, ids, ctx), epochBumped: false };
}

/** The report of a purge that could not be done (KV unreachable): left pending. */
export function unfinishedPurge(ids: string[], error: string): PurgeReport {
  questionCache.forget(ids);
  return {
    scope: "ids",
    ids,
    count: ids.length,
    kv: { keysDeleted: 0, epochBumped: false },
    d1: { refreshed: false, upserted: 0, removed: 0 },
    memory: "cleared in this isolate only; the purge is pending",
    httpCache: "unchanged until the pending purge is done",
    generation: "",
    pending: true,
    error,
  };
}

/**
 * Purges questions from every tier: D1 re-copied from the origin (unless told not to), their
 * KV entries deleted, then a new generation, which empties isolate memory everywhere (here at
 * once, elsewhere within a few seconds) and orphans every `caches.default` entry.
 */
export async function purgeQuestions(
  env: PurgeEnv,
  ctx: Pick<ExecutionContext, "waitUntil"> | undefined,
  ids: string[],
  options: PurgeOptions = {},
): Promise<PurgeReport> {
  const unique = [...new Set(ids)];
  const origin = originOpener(env, options);
  const d1 = await refreshD1(() => syncD1Ids(env.DB, origin(), unique), options.refreshD1 ?? true);
  const kv = await deleteQuestionEntries(env.QUESTIONS_KV, unique, ctx);
  questionCache.forget(unique);
  const { generation } = await bumpGeneration(env.QUESTIONS_KV, { kvEpoch: false });
  return {
    scope: "ids",
    ids: unique,
    count: unique.length,
    kv,
    d1,
    memory: MEMORY_NOTE,
    httpCache: HTTP_CACHE_NOTE,
    generation,
  };
}

/** Purges every question of a category, as the edge copy and the origin (when reachable) know it. */
export async function purgeCategory(
  env: PurgeEnv,
  ctx: Pick<ExecutionContext, "waitUntil"> | undefined,
  category: string,
  options: PurgeOptions = {},
): Promise<PurgeReport> {
  const origin = originOpener(env, options);
  const ids = new Set(await d1IdsInCategory(env.DB, category));
  try {
    for (const q of await readOriginCategory(origin(), category)) ids.add(q.id);
  } catch (error) {
    console.warn(`purge: origin unreachable, purging the edge copy's view of '${category}';`, message(error));
  }
  // `openOrigin` connects on the first query, so handing the connection on costs nothing.
  const report = await purgeQuestions(env, ctx, [...ids], { ...options, origin: origin() });
  return { ...report, scope: "category" };
}

/** Purges everything: a new KV epoch and generation, and (by default) D1 re-copied from the origin. */
export async function purgeAll(
  env: PurgeEnv,
  _ctx: Pick<ExecutionContext, "waitUntil"> | undefined,
  options: PurgeOptions = {},
): Promise<PurgeReport> {
  const origin = originOpener(env, options);
  const d1 = await refreshD1(() => syncD1All(env.DB, origin()), options.refreshD1 ?? true);
  const { generation } = await bumpGeneration(env.QUESTIONS_KV, { kvEpoch: true });
  return {
    scope: "all",
    ids: [],
    count: d1.upserted,
    kv: { keysDeleted: 0, epochBumped: true },
    d1,
    memory: MEMORY_NOTE,
    httpCache: HTTP_CACHE_NOTE,
    generation,
  };
}
