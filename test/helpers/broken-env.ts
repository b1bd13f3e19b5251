import { env } from "cloudflare:test";

/** Nothing listens on port 1: the origin is down. */
export const ORIGIN_DOWN = { connectionString: "postgres://postgres:postgres@127.0.0.1:1/postgres" } as Hyperdrive;

/** A KV namespace whose every call fails, as during a KV incident. */
export const FAILING_KV = new Proxy({} as KVNamespace, {
  get: () => () => Promise.reject(new Error("KV is unavailable")),
});

export function envWith(overrides: Partial<Env>): Env {
  return { ...env, ...overrides };
}
