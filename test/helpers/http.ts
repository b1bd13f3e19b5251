import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../workers/app.ts";
import worker from "../../workers/index.ts";

export const BASE = "http://quiz.test";

let counter = 0;

/** A client address per call, so suites never hit the learner rate limit unless they mean to. */
function withClientIp(init: RequestInit & { ip?: string }): Headers {
  counter += 1;
  const headers = new Headers(init.headers);
  if (!headers.has("cf-connecting-ip")) {
    headers.set("cf-connecting-ip", init.ip ?? `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`);
  }
  return headers;
}

/**
 * Calls the app with an env of the test's choosing (default: the real bindings) and waits
 * for its `waitUntil` work (cache refills), so the next call sees what this one wrote.
 */
export async function api(path: string, init: RequestInit & { ip?: string; env?: Env } = {}): Promise<Response> {
  const { env: testEnv, ip, ...rest } = init;
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, { ...rest, headers: withClientIp({ ...rest, ip }) });
  const res = await app.fetch(request, testEnv ?? env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Through the Worker's own fetch handler (SELF), as a real client reaches it. */
export function viaWorker(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const { ip, ...rest } = init;
  return SELF.fetch(`${BASE}${path}`, { ...rest, headers: withClientIp({ ...rest, ip }) });
}

/**
 * Through the Worker's fetch handler (the default export, so the memory fast path too), waiting
 * for its `waitUntil` work like `api`, so a refill of KV or D1 is done before the next call.
 */
export async function viaHandler(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const { ip, ...rest } = init;
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, { ...rest, headers: withClientIp({ ...rest, ip }) });
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export function postJson(
  path: string,
  body: unknown,
  init: { headers?: Record<string, string>; env?: Env } = {},
): Promise<Response> {
  return api(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: JSON.stringify(body),
    env: init.env,
  });
}
