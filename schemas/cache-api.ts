import { z } from "@hono/zod-openapi";
import { QuestionId } from "./question.ts";

/** Exactly one of: some ids, a category, or everything. */
export const PurgeRequest = z
  .union([
    z.object({ ids: z.array(QuestionId).min(1).max(1000) }).strict(),
    z.object({ category: z.string().trim().min(1).max(100) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ])
  .openapi("CachePurgeRequest", {
    description: 'One of `{ "ids": [...] }`, `{ "category": "..." }` or `{ "all": true }`.',
  });

export const PurgeReport = z
  .object({
    scope: z.enum(["ids", "category", "all"]),
    ids: z.array(z.string()).openapi({ description: "Question ids purged (empty for all)." }),
    count: z.number().int(),
    kv: z.object({ keysDeleted: z.number().int(), epochBumped: z.boolean() }),
    d1: z.object({
      refreshed: z.boolean(),
      upserted: z.number().int(),
      removed: z.number().int(),
      error: z.string().optional(),
    }),
    memory: z.string(),
    httpCache: z.string(),
    generation: z.string(),
  })
  .openapi("CachePurgeReport");

const Counters = z.object({
  hits: z.number().int(),
  misses: z.number().int(),
  staleServed: z.number().int(),
  errors: z.number().int(),
});

export const CacheStatsResponse = z
  .object({
    scope: z.literal("isolate").openapi({
      description: "Counters are kept per isolate (Workers share no memory); this is one isolate's sample.",
    }),
    isolateId: z.string(),
    since: z.string(),
    sources: z.object({
      MEMORY: Counters,
      CACHE: Counters,
      KV: Counters,
      D1: Counters,
      ORIGIN: Counters,
      REDIS: Counters,
    }),
    originQueries: z.number().int(),
    coalesced: z.number().int(),
    negativeHits: z.number().int(),
    revalidations: z.number().int(),
    globalRateLimit: z
      .object({
        checks: z.number().int(),
        refused: z.number().int(),
        timeouts: z.number().int().openapi({ description: "Redis did not answer in time: let through (fail open)" }),
        errors: z.number().int().openapi({ description: "Redis failed: let through (fail open)" }),
      })
      .openapi({ description: "The global per-learner limit on session starts and answers (Upstash)" }),
    memory: z.object({
      entries: z.number().int(),
      capacity: z.number().int(),
      bytes: z.number().int().openapi({ description: "Estimated bytes held by the shared pool." }),
      maxBytes: z.number().int(),
      negativeEntries: z.number().int().openapi({ description: "Unknown keys remembered (a pool of their own)." }),
    }),
    generation: z.object({ generation: z.string(), kvEpoch: z.string() }),
  })
  .openapi("CacheStats");
