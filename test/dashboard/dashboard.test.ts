import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

async function signIn(token: string): Promise<{ cookie: string; csrf: string; html: string }> {
  const login = await SELF.fetch(`${BASE}/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
    redirect: "manual",
  });
  expect(login.status).toBe(303);
  const setCookie = login.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/admin_session=.*HttpOnly.*Secure.*SameSite=Strict/i);
  const cookie = setCookie.split(";")[0] ?? "";
  const page = await SELF.fetch(`${BASE}/admin`, { headers: { cookie } });
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { cookie, csrf, html };
}

function post(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

describe("dashboard", () => {
  it("shows the sign-in form with strict security headers", async () => {
    const res = await SELF.fetch(`${BASE}/admin`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.text()).toContain('<label for="token">');
  });

  it("refuses an unknown token", async () => {
    const res = await post("/admin/login", "", { token: "wrong" });
    expect(res.status).toBe(401);
  });

  it("lets an editor change a setting, which the API then serves", async () => {
    const { cookie, csrf, html } = await signIn(EDITOR_TOKEN);
    for (const section of [
      "AI Engine Settings",
      "Adaptive Learning",
      "Scraper Settings",
      "Feature Flags",
      "Monitoring",
    ]) {
      expect(html).toContain(section);
    }
    const res = await post("/admin/config/adaptive.flow_threshold", cookie, { csrf, version: "0", value: "0.65" });
    expect(res.status).toBe(303);
    const api = await adminFetch("/api/admin/config/adaptive.flow_threshold");
    expect(await api.json()).toMatchObject({ value: 0.65, version: 1, updated_by: "dashboard (editor)" });
  });

  it("runs test mode without saving", async () => {
    const { cookie, csrf } = await signIn(EDITOR_TOKEN);
    const res = await post("/admin/config/features.beta_engine", cookie, {
      csrf,
      version: "0",
      enabled: "true",
      rolloutPercent: "40",
      allow: "",
      deny: "",
      dry_run: "true",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Test mode");
    expect(await (await adminFetch("/api/admin/config/features.beta_engine")).json()).toMatchObject({ version: 0 });
  });

  it("shows validation messages and keeps the old value", async () => {
    const { cookie, csrf } = await signIn(EDITOR_TOKEN);
    const res = await post("/admin/config/scraper.sources", cookie, {
      csrf,
      version: "0",
      value: '[{"id":"x","format":"gift"}]',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("value.0.url");
    const badJson = await post("/admin/config/scraper.sources", cookie, { csrf, version: "0", value: "[oops" });
    expect(await badJson.text()).toContain("not valid JSON");
  });

  it("refuses posts without the CSRF token or from another origin", async () => {
    const { cookie, csrf } = await signIn(EDITOR_TOKEN);
    expect(
      (await post("/admin/config/ai.temperature", cookie, { csrf: "forged", version: "0", value: "0.4" })).status,
    ).toBe(403);
    const cross = await post(
      "/admin/config/ai.temperature",
      cookie,
      { csrf, version: "0", value: "0.4" },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    expect(await (await adminFetch("/api/admin/config/ai.temperature")).json()).toMatchObject({ version: 0 });
  });

  it("gives viewers disabled controls and refuses their saves", async () => {
    const { cookie, csrf, html } = await signIn(VIEWER_TOKEN);
    expect(html).toMatch(/<button type="submit" disabled=""/);
    const res = await post("/admin/config/ai.temperature", cookie, { csrf, version: "0", value: "0.4" });
    expect(res.status).toBe(403);
  });

  it("escapes stored values: no script injection through reasons or values", async () => {
    await adminFetch("/api/admin/config/scraper.sources", {
      method: "PUT",
      body: {
        value: [{ id: "s1", url: "https://example.com/q.gift?x=</textarea><script>alert(1)</script>", format: "gift" }],
        reason: "<img src=x onerror=alert(1)>",
      },
    });
    const { cookie } = await signIn(EDITOR_TOKEN);
    const page = await (await SELF.fetch(`${BASE}/admin`, { headers: { cookie } })).text();
    expect(page).not.toContain("<script>alert(1)</script>");
    const history = await (
      await SELF.fetch(`${BASE}/admin/config/scraper.sources/history`, { headers: { cookie } })
    ).text();
    expect(history).not.toContain("<img src=x");
    expect(history).toContain("&lt;img src=x");
  });

  it("keeps rollback in the history page", async () => {
    const { cookie, csrf } = await signIn(EDITOR_TOKEN);
    await post("/admin/config/ai.model", cookie, { csrf, version: "0", value: "gpt-4o" });
    const res = await post("/admin/config/ai.model/rollback", cookie, { csrf, version: "1" });
    expect(res.status).toBe(303);
    const entry = (await (await adminFetch("/api/admin/config/ai.model")).json()) as { value: string; version: number };
    expect(entry).toMatchObject({ value: "gpt-4o", version: 2 });
  });
});
