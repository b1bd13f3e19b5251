import { SELF } from "cloudflare:test";

export const BASE = "http://quiz.test";

let counter = 0;

/**
 * A request through the Worker's fetch handler. Each call comes from its own client address,
 * so suites never run into the learner rate limit unless a test picks one address on purpose.
 */
export function api(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  counter += 1;
  const headers = new Headers(init.headers);
  if (!headers.has("cf-connecting-ip")) {
    headers.set("cf-connecting-ip", init.ip ?? `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`);
  }
  return SELF.fetch(`${BASE}${path}`, { ...init, headers });
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}
