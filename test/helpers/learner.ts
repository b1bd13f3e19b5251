import { env } from "cloudflare:test";
import { api, BASE } from "./http.ts";

/** A page request as a browser sends it: cookies, and for POSTs a same-origin form body. */
export function page(
  path: string,
  init: { cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string>; env?: Env } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.form) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(init.form)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    body = params.toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin ??= BASE;
  }
  return api(path, { method: body === undefined ? "GET" : "POST", headers, body, redirect: "manual", env: init.env });
}

/** The `name=value` part of a response's cookie of that name. */
export function cookieFrom(res: Response, name: string): string | null {
  const entry = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return entry ? (entry.split(";")[0] ?? null) : null;
}

export function envWith(overrides: Partial<Record<keyof Env, unknown>>): Env {
  return { ...env, ...overrides } as Env;
}
