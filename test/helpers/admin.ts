import { SELF } from "cloudflare:test";
import { EDITOR_TOKEN } from "./tokens.ts";

export const BASE = "http://quiz.test";

/** A JSON request to the Worker with an admin token (editor unless given). */
export function adminFetch(
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${init.token ?? EDITOR_TOKEN}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
