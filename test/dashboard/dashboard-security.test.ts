import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseAdminTokens } from "../../src/auth/admin-tokens.ts";
import {
  csrfTokenFor,
  decodeSession,
  encodeSession,
  resolveSession,
  SESSION_COOKIE,
  sessionKey,
  tokenFingerprint,
} from "../../src/dashboard/session.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { signIn } from "../helpers/dashboard.ts";
import { api } from "../helpers/http.ts";
import { EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

function login(fields: Record<string, string>, headers: Record<string, string> = { origin: BASE }) {
  return SELF.fetch(`${BASE}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("signing in", () => {
  it("exchanges a valid token for an HttpOnly, Secure, SameSite=Strict session cookie without the token", async () => {
    const res = await login({ token: EDITOR_TOKEN });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(EDITOR_TOKEN);
    expect(atob((cookie.split("=")[1] ?? "").split(".")[0]?.replace(/-/g, "+").replace(/_/g, "/") ?? "")).not.toContain(
      EDITOR_TOKEN,
    );
  });

  it("refuses an unknown token (401) and a cross-site sign-in (403)", async () => {
    const bad = await login({ token: "guess" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("set-cookie")).toBeNull();
    expect(await bad.text()).toContain("That token is not valid.");
    const crossSite = await login({ token: EDITOR_TOKEN }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
  });

  it("never writes the admin token into a page", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const page = await (await client.get("/admin")).text();
    expect(page).not.toContain(EDITOR_TOKEN);
  });

  it("signs out by revoking the session: a copy of the cookie no longer works", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const other = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const res = await client.post("/admin/logout", { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    // The browser dropped the cookie; someone who copied it before still sends it.
    const copied = await client.get("/admin");
    expect(copied.status).toBe(303);
    expect(copied.headers.get("location")).toBe("/admin/login");
    expect((await client.post("/admin/cache/purge", { _csrf: csrf, confirm: "on" })).status).toBe(401);
    // Only that session ended: another sign-in with the same token goes on.
    expect((await other.get("/admin")).status).toBe(200);
  });

  it("ends the sessions of a token removed from ADMIN_TOKENS", async () => {
    const client = await signIn(VIEWER_TOKEN);
    const page = (vars: Partial<Env>) =>
      api("/admin", { headers: { cookie: client.cookie }, redirect: "manual", env: { ...env, ...vars } });
    expect((await page({})).status).toBe(200);
    const removed = await page({ ADMIN_TOKENS: `editor:${EDITOR_TOKEN}` });
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/admin/login");
  });
});

describe("sessions", () => {
  const tokens = `editor:${EDITOR_TOKEN},viewer:${VIEWER_TOKEN}`;

  it("rejects forged, tampered and expired cookies, and those of revoked tokens", async () => {
    const key = await sessionKey(tokens);
    const payload = { sid: "s1", fp: await tokenFingerprint(key, EDITOR_TOKEN), name: null, exp: 2_000 };
    const cookie = await encodeSession(key, payload);
    expect(await decodeSession(key, cookie, 1_000)).toEqual(payload);
    expect(await decodeSession(key, cookie, 2_000)).toBeNull();
    const [body, sig] = cookie.split(".");
    const forged = btoa(JSON.stringify({ ...payload, exp: 9e9 })).replace(/=+$/, "");
    expect(await decodeSession(key, `${forged}.${sig}`, 1_000)).toBeNull();
    expect(await decodeSession(key, `${body}.${sig?.slice(1)}A`, 1_000)).toBeNull();
    expect(await decodeSession(await sessionKey("editor:other"), cookie, 1_000)).toBeNull();

    const active = await resolveSession(key, payload, parseAdminTokens(tokens));
    expect(active).toMatchObject({ role: "editor", token: EDITOR_TOKEN, csrf: await csrfTokenFor(key, "s1") });
    expect(await resolveSession(key, payload, parseAdminTokens(`viewer:${VIEWER_TOKEN}`))).toBeNull();
  });

  it("sends a visitor with a bad cookie back to the sign-in page", async () => {
    const res = await SELF.fetch(`${BASE}/admin`, {
      redirect: "manual",
      headers: { cookie: `${SESSION_COOKIE}=eyJzaWQiOiJ4In0.bad` },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/login");
  });
});

describe("roles and CSRF", () => {
  it("lets a viewer read every page but not save (403)", async () => {
    const client = await signIn(VIEWER_TOKEN);
    const page = await (await client.get("/admin")).text();
    expect(page).toContain('<fieldset class="plain" disabled="">');
    expect(page).toContain("you can read every setting but not change them");
    expect((await client.get("/admin/config/ai.model/history")).status).toBe(200);
    const csrf = await client.csrf();
    for (const path of [
      "/admin/config/ai.model",
      "/admin/config/ai.model/reset",
      "/admin/config/ai.model/rollback",
      "/admin/cache/purge",
    ]) {
      const res = await client.post(path, { _csrf: csrf, value: "gpt-4o", version: "1", confirm: "on" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Not allowed");
    }
    expect(await (await adminFetch("/api/admin/config/ai.model")).json()).toMatchObject({ version: 0 });
  });

  it("refuses posts without the session's CSRF token or from another origin (403)", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const cases = [
      client.post("/admin/config/ai.model", { value: "gpt-4o" }),
      client.post("/admin/config/ai.model", { value: "gpt-4o", _csrf: "x".repeat(43) }),
      client.post("/admin/config/ai.model", { value: "gpt-4o", _csrf: csrf }, { origin: "https://evil.example" }),
      client.post("/admin/config/ai.model", { value: "gpt-4o", _csrf: csrf }, { origin: null }),
    ];
    for (const res of await Promise.all(cases)) expect(res.status).toBe(403);
    // Another session's token does not fit this one.
    const other = await signIn(EDITOR_TOKEN);
    const res = await other.post("/admin/config/ai.model", { value: "gpt-4o", _csrf: csrf });
    expect(res.status).toBe(403);
    expect(await (await adminFetch("/api/admin/config/ai.model")).json()).toMatchObject({ version: 0 });
  });

  it("answers 401 to a post without a session", async () => {
    const res = await SELF.fetch(`${BASE}/admin/config/ai.model`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
      body: "value=gpt-4o",
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('href="/admin/login"');
  });
});

describe("script injection", () => {
  it("escapes stored values, reasons and names everywhere and forbids inline script by CSP", async () => {
    const payload = "</textarea><script>alert(1)</script>";
    await adminFetch("/api/admin/config/features.new_ui", {
      method: "PUT",
      body: { value: { enabled: true, allow: [payload], deny: ['"><img src=x onerror=alert(2)>'] }, reason: payload },
      headers: { "x-admin-actor": "<b>mallory</b>" },
    });
    await adminFetch("/api/admin/config/scraper.sources", {
      method: "PUT",
      body: { value: [{ id: "evil", url: "https://example.com/q.gift", format: "gift", category: payload }] },
    });
    const client = await signIn(EDITOR_TOKEN, '<script>alert("name")</script>');
    const res = await client.get("/admin");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const pages = [await res.text(), await (await client.get("/admin/config/features.new_ui/history")).text()];
    for (const page of pages) {
      expect(page).not.toContain("<script>alert");
      expect(page).not.toContain("<img src=x");
      expect(page).not.toMatch(/<script(?! src="\/admin\/assets\/dashboard\.js" defer="">)/);
      // Markup characters in text are escaped, so every "<" left starts a tag this code wrote.
      expect(page).not.toMatch(/<[^>]*\son\w+=/i);
      expect(page).not.toContain("style=");
    }
    expect(pages[0]).toContain("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(pages[1]).toContain("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(pages[0]).toContain("scriptalertnamescript (editor-token, dashboard)");
  });

  it("serves its script and stylesheet from this origin", async () => {
    const js = await SELF.fetch(`${BASE}/admin/assets/dashboard.js`);
    expect(js.headers.get("content-type")).toContain("text/javascript");
    expect(await js.text()).toContain("textContent");
    const css = await SELF.fetch(`${BASE}/admin/assets/dashboard.css`);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(env.ADMIN_TOKENS).toBeTruthy();
  });
});
