import { env } from "cloudflare:test";

/** Nothing listens on port 1: connecting fails at once, as when the origin is down. */
export const CLOSED_ORIGIN_URL = "postgres://x:x@127.0.0.1:1/x";

/** A Hyperdrive binding whose origin is down. */
export function closedOrigin(): Hyperdrive {
  return {
    connectionString: CLOSED_ORIGIN_URL,
    host: "127.0.0.1",
    port: 1,
    user: "x",
    password: "x",
    database: "x",
    connect() {
      throw new Error("origin is down");
    },
  } as unknown as Hyperdrive;
}

function rejecting(what: string) {
  return () => Promise.reject(new Error(`${what} is failing`));
}

/** A KV namespace whose every operation fails, as during a KV incident. */
export function failingKv(): KVNamespace {
  const fail = rejecting("KV");
  return { get: fail, getWithMetadata: fail, put: fail, delete: fail, list: fail } as unknown as KVNamespace;
}

/** A D1 database whose every statement fails. */
export function failingD1(): D1Database {
  const statement = {
    bind: () => statement,
    all: rejecting("D1"),
    first: rejecting("D1"),
    run: rejecting("D1"),
    raw: rejecting("D1"),
  };
  return {
    prepare: () => statement,
    batch: rejecting("D1"),
    exec: rejecting("D1"),
    dump: rejecting("D1"),
    withSession: () => ({ prepare: () => statement, batch: rejecting("D1") }),
  } as unknown as D1Database;
}

/** The test Worker env with some bindings replaced, e.g. `withEnv({ ORIGIN: closedOrigin() })`. */
export function withEnv(overrides: Partial<Env>): Env {
  return { ...env, ...overrides };
}

/** The origin is down. */
export function originDownEnv(): Env {
  return withEnv({ ORIGIN: closedOrigin() });
}

/** KV is failing (reads, writes, the cache generation). */
export function kvFailingEnv(): Env {
  return withEnv({ QUESTIONS_KV: failingKv() });
}
