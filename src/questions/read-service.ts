import type { Question } from "../../schemas/question.ts";
import { type CacheEpochs, currentEpochs } from "../cache/epochs.ts";
import { kvLayer } from "../cache/kv-layer.ts";
import type { TierName } from "../cache/stats.ts";
import { type CacheLayer, type LookupResult, TieredCache } from "../cache/tiered-cache.ts";
import type { OriginConnection } from "../origin/client.ts";
import { d1QuestionStore, type QuestionFilters } from "./d1-store.ts";
import { originQuestionStore } from "./origin-store.ts";

export interface ReadDeps {
  env: Pick<Env, "QUESTIONS_KV" | "DB">;
  origin: () => OriginConnection;
  waitUntil(promise: Promise<unknown>): void;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Questions by id: memory -> KV -> D1 -> origin. */
export const questionCache = new TieredCache<Question>({
  namespace: "question",
  freshMs: 5 * MINUTE,
  staleMs: DAY,
  negativeMs: MINUTE,
  memoryCapacity: 5000,
});

/** Id lists computed at the edge from D1 (random pools, pages, search hits). */
export const edgeViewCache = new TieredCache<string[]>({
  namespace: "view",
  freshMs: MINUTE,
  staleMs: 10 * MINUTE,
  negativeMs: MINUTE,
  memoryCapacity: 2000,
  sourceTier: "D1",
});

/** Similar-question id lists computed on the origin. */
export const similarCache = new TieredCache<string[]>({
  namespace: "similar",
  freshMs: 60 * MINUTE,
  staleMs: 7 * DAY,
  negativeMs: MINUTE,
  memoryCapacity: 2000,
});

const CACHES = [questionCache, edgeViewCache, similarCache];

async function epochs(deps: ReadDeps): Promise<CacheEpochs> {
  const current = await currentEpochs(deps.env.QUESTIONS_KV);
  for (const cache of CACHES) cache.syncEpoch(current.memory);
  return current;
}

function d1Layer(db: D1Database): CacheLayer<Question> {
  const store = d1QuestionStore(db);
  return {
    tier: "D1",
    async read(ids) {
      // D1 is kept in step by writes and purges, so what it holds counts as fresh.
      const at = Date.now();
      return new Map((await store.getByIds(ids)).map((q) => [q.id, { value: q, at }]));
    },
    async write(entries) {
      await store.upsert([...entries.values()].flatMap((e) => (e.value ? [e.value] : [])));
    },
  };
}

/** Questions by id through every tier; ids nobody has map to null. */
export async function getQuestions(ids: string[], deps: ReadDeps): Promise<LookupResult<Question>> {
  const { questions: generation } = await epochs(deps);
  return questionCache.getMany(ids, {
    layers: [kvLayer(deps.env.QUESTIONS_KV, `q:${generation}`, 2 * 86_400), d1Layer(deps.env.DB)],
    load: async (missing) => {
      const found = await originQuestionStore(deps.origin().db).getActiveByIds(missing);
      return new Map(found.map((q) => [q.id, q]));
    },
    waitUntil: deps.waitUntil,
  });
}

/** An id list computed from D1, cached in memory and KV under `key`. */
export async function edgeView(
  key: string,
  deps: ReadDeps,
  compute: (store: ReturnType<typeof d1QuestionStore>) => Promise<string[]>,
): Promise<{ ids: string[]; tier: TierName; timings: LookupResult<string[]>["timings"] }> {
  const { views } = await epochs(deps);
  const result = await edgeViewCache.getMany([key], {
    layers: [kvLayer(deps.env.QUESTIONS_KV, `v:${views}`, 3600)],
    load: async () => new Map([[key, await compute(d1QuestionStore(deps.env.DB))]]),
    waitUntil: deps.waitUntil,
  });
  const entry = result.entries.get(key);
  return { ids: entry?.value ?? [], tier: entry?.tier ?? "D1", timings: result.timings };
}

/** Ids of questions similar to `id`, computed on the origin; null when `id` does not exist. */
export async function similarIds(
  id: string,
  limit: number,
  deps: ReadDeps,
): Promise<{ ids: string[] | null; tier: TierName; timings: LookupResult<string[]>["timings"] }> {
  const { views } = await epochs(deps);
  const key = `${id}:${limit}`;
  const result = await similarCache.getMany([key], {
    layers: [kvLayer(deps.env.QUESTIONS_KV, `s:${views}`, 7 * 86_400)],
    load: async () => {
      const similar = await originQuestionStore(deps.origin().db).similarTo(id, limit);
      return similar ? new Map([[key, similar.map((q) => q.id)]]) : new Map();
    },
    waitUntil: deps.waitUntil,
  });
  const entry = result.entries.get(key);
  return { ids: entry?.value ?? null, tier: entry?.tier ?? "ORIGIN", timings: result.timings };
}

export function filterKey(filters: QuestionFilters): string {
  return `${filters.category ?? "*"}|${filters.difficulty ?? "*"}|${filters.bloomLevel ?? "*"}`;
}
