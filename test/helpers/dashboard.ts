import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { BASE } from "./admin.ts";

/** A browser-like dashboard client: keeps the session cookie, sends same-origin form posts. */
export interface DashboardClient {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string>, options?: { origin?: string | null }): Promise<Response>;
  /** The CSRF token of the settings page. */
  csrf(): Promise<string>;
}

export function csrfIn(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error("no CSRF field on the page");
  return match[1];
}

function client(cookie: string): DashboardClient {
  const self: DashboardClient = {
    cookie,
    get: (path) => SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" }),
    post: (path, fields, options = {}) => {
      const origin = options.origin === undefined ? BASE : options.origin;
      return SELF.fetch(`${BASE}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          ...(origin === null ? {} : { origin }),
        },
        body: new URLSearchParams(fields).toString(),
      });
    },
    csrf: async () => csrfIn(await (await self.get("/admin")).text()),
  };
  return self;
}

/** Signs in through the form and returns a client holding the session cookie. */
export async function signIn(token: string, name?: string): Promise<DashboardClient> {
  const res = await SELF.fetch(`${BASE}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ token, ...(name ? { name } : {}) }).toString(),
  });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return client(setCookie.split(";")[0] ?? "");
}
