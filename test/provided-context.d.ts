/** What the Node-side global setups hand to the tests inside workerd (vitest provide/inject). */
declare module "vitest" {
  interface ProvidedContext {
    /** Connection string of the origin the Worker's Hyperdrive binding points at. */
    originUrl: string;
    /** "pglite" (embedded) or "postgresql" (a real server from TEST_ORIGIN_URL). */
    originKind: string;
    /** ../shared/fixtures as base64 by relative path, or null when the folder is absent. */
    sharedFixtures: Record<string, string> | null;
    /** Base URL of the local quiz-source server (test/node/source-server.ts). */
    sourceServerUrl: string;
    /** OPENAI_BASE_URL of the fake chat-completions server (test/node/fake-openai.ts). */
    fakeOpenAiUrl: string;
    /** wrangler.toml's queue consumers, as wrangler reads them (test/node/pipeline-setup.ts). */
    queueConsumers: { queue: string; maxRetries: number | null; deadLetterQueue: string | null }[];
    /** The origin behind a statement-counting proxy (test/node/statement-counter.ts). */
    countedOriginUrl: string;
    /** GET: statements through that proxy so far; POST: the same, then back to 0. */
    statementCounterUrl: string;
    /** Where the pipeline benchmark posts its figures (test/node/bench-collector.ts). */
    benchCollectorUrl: string;
    /** The Upstash REST bridge (scripts/lib/upstash-bridge.ts) in front of the test Redis. */
    redisRestUrl: string;
    /** Its bearer token (random per run). */
    redisRestToken: string;
    /** What is behind it: "redis-server", "redis-url" (REDIS_URL) or "ioredis-mock". */
    redisBackend: string;
    /** A second bridge, over the in-process engine (ioredis-mock), same token. */
    mockRedisRestUrl: string;
    /** A server that accepts connections and never answers: Redis timing out. */
    silentRedisRestUrl: string;
    /** A local JWKS with one ES256 key (test/node/jwks-server.ts), as SUPABASE_JWKS_URL takes it. */
    jwksUrl: string;
    /** That key's private half, to sign learner tokens with. */
    jwksPrivateKey: import("jose").JWK;
  }
}

export {};
