import type { Question } from "../../schemas/question.ts";
import { cacheGeneration } from "../cache/generation.ts";
import { KvTier } from "../cache/kv-tier.ts";
import {
  type CacheEntry,
  type CachePolicy,
  type CacheSources,
  type CacheTier,
  TieredCache,
} from "../cache/tiered-cache.ts";
import type { OriginConnection } from "../origin/client.ts";
import { readD1Questions, upsertD1Questions } from "./d1-store.ts";
import { readOriginQuestions } from "./origin-store.ts";

/** What every read service needs: bindings, the request's lazy origin opener and `waitUntil`. */
export interface ReadDeps {
  env: Pick<Env, "QUESTIONS_KV" | "DB">;
  /** Opens the request's own origin connection on first use; never shared across requests. */
  origin: () => OriginConnection;
  waitUntil(promise: Promise<unknown>): void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The seed architecture's windows: fresh for an hour, served stale for a day while refreshing. */
export const QUESTION_CACHE_POLICY: CachePolicy = {
  namespace: "q",
  freshMs: HOUR,
  staleMs: DAY,
  // Short, so a question created after a miss shows up soon even without a purge.
  negativeMs: MINUTE,
  staleIfErrorMs: 7 * DAY,
};

/** KV key prefix of question entries; the purge service deletes `${QUESTION_NAMESPACE}:${epoch}:${id}`. */
export const QUESTION_NAMESPACE = QUESTION_CACHE_POLICY.namespace;

/** Full questions (answer key included, for server-side grading); learners get `toPublicQuestion`. */
export const questionCache = new TieredCache<Question>(QUESTION_CACHE_POLICY);

/**
 * D1, the edge copy, as the last tier before the origin. It is kept in step by the write path
 * and purges, so what it holds counts as fresh; an origin hit is copied into it.
 */
export class D1QuestionTier implements CacheTier<Question> {
  readonly name = "D1" as const;

  constructor(private readonly db: D1Database) {}

  async getMany(ids: string[]): Promise<Map<string, CacheEntry<Question>>> {
    const now = Date.now();
    const found = await readD1Questions(this.db, ids);
    return new Map([...found].map(([id, value]) => [id, { value, storedAt: now }]));
  }

  async setMany(items: { key: string; entry: CacheEntry<Question> }[]): Promise<void> {
    // Negative entries are not copied: D1 holds questions, and a miss falls through anyway.
    const rows = items.flatMap(({ entry }) => (entry.value ? [entry.value] : []));
    await upsertD1Questions(this.db, rows);
  }
}

/** Memory, KV and D1 in front of the origin, for this request. */
export async function questionSources(deps: ReadDeps): Promise<CacheSources<Question>> {
  const { kvEpoch } = await cacheGeneration(deps.env.QUESTIONS_KV);
  return {
    tiers: [
      new KvTier<Question>(deps.env.QUESTIONS_KV, `${QUESTION_NAMESPACE}:${kvEpoch}`),
      new D1QuestionTier(deps.env.DB),
    ],
    loader: { name: "ORIGIN", load: (ids) => readOriginQuestions(deps.origin(), ids) },
    waitUntil: deps.waitUntil,
  };
}
