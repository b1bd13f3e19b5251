import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../schemas/config-registry.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { signIn } from "../helpers/dashboard.ts";
import { EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

async function setting(key: string): Promise<{ value: unknown; version: number; updated_by: string | null }> {
  return (await (await adminFetch(`/api/admin/config/${key}`)).json()) as {
    value: unknown;
    version: number;
    updated_by: string | null;
  };
}

describe("the settings page", () => {
  it("sends anonymous visitors to the sign-in page", async () => {
    const res = await SELF.fetch(`${BASE}/admin`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/login");
    const login = await SELF.fetch(`${BASE}/admin/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(login.headers.get("cache-control")).toBe("no-store");
    const slash = await SELF.fetch(`${BASE}/admin/`, { redirect: "manual" });
    expect(slash.headers.get("location")).toBe("/admin");
    const page = await login.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<label for="token">Admin token</label>');
  });

  it("shows every key in its section with the control its registry entry names", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const res = await client.get("/admin");
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const section of ["AI Engine Settings", "Adaptive Learning", "Scraper Settings", "Feature Flags"]) {
      expect(page).toContain(`>${section}</h2>`);
    }
    for (const key of CONFIG_KEYS) expect(page).toContain(`<h3 id="k-${key.replace(".", "-")}-title">${key}</h3>`);
    // select, slider, number with unit, toggle, percentage, cron, JSON
    expect(page).toMatch(/<select id="k-ai-model-value" name="value"/);
    expect(page).toMatch(/<input type="range" id="k-adaptive-flow_threshold-value" name="value" min="0" max="1"/);
    expect(page).toMatch(/<input type="number" id="k-ai-cache_ttl-value"[^>]*step="1"/);
    expect(page).toContain('<span class="unit" id="k-ai-cache_ttl-unit">s</span>');
    expect(page).toMatch(/<input type="checkbox" id="k-scraper-enabled-value" name="value"/);
    expect(page).toMatch(/<input type="range" id="k-features-beta_engine-percent" name="rolloutPercent" min="0"/);
    expect(page).toMatch(/<input type="text" id="k-scraper-schedule-value" name="value" class="mono"/);
    expect(page).toContain("Next runs of the saved schedule: ");
    expect(page).toMatch(/<textarea id="k-scraper-sources-value" name="value"/);
    expect(page).toContain('name="confirm"');
    // Every input has a label.
    for (const [, id] of page.matchAll(/<(?:input|select|textarea) (?:type="(?!hidden)[^"]+" )?id="([^"]+)"/g)) {
      expect(page).toContain(`for="${id}"`);
    }
  });

  it("saves a change, redirects with a notice and the API serves the new value", async () => {
    const client = await signIn(EDITOR_TOKEN, "Grace");
    const res = await client.post("/admin/config/adaptive.flow_threshold", {
      _csrf: await client.csrf(),
      version: "0",
      value: "0.85",
      reason: "learners were bored",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      "/admin?done=saved&key=adaptive.flow_threshold&version=1#k-adaptive-flow_threshold-card",
    );
    expect(await setting("adaptive.flow_threshold")).toMatchObject({
      value: 0.85,
      version: 1,
      updated_by: "Grace (editor-token, dashboard)",
    });
    const after = await (await client.get(res.headers.get("location") ?? "")).text();
    expect(after).toContain("Saved adaptive.flow_threshold: now version 1.");
    expect(after).toMatch(/id="k-adaptive-flow_threshold-value" name="value" min="0" max="1" step="0.05" value="0.85"/);
  });

  it("turns each control's fields into the typed value", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const post = (key: string, fields: Record<string, string>) =>
      client.post(`/admin/config/${key}`, { _csrf: csrf, ...fields });
    expect((await post("ai.model", { value: "gpt-4o" })).status).toBe(303);
    expect((await post("scraper.enabled", { value: "on" })).status).toBe(303);
    expect((await post("scraper.schedule", { value: "*/30 * * * *" })).status).toBe(303);
    expect(
      (await post("features.beta_engine", { enabled: "on", rolloutPercent: "25", allow: "a\nb", deny: "c, d" })).status,
    ).toBe(303);
    const sources = [{ id: "opentdb", url: "https://opentdb.com/api.php?amount=50", format: "opentdb" }];
    expect((await post("scraper.sources", { value: JSON.stringify(sources) })).status).toBe(303);
    expect((await setting("ai.model")).value).toBe("gpt-4o");
    expect((await setting("scraper.enabled")).value).toBe(true);
    expect((await post("scraper.enabled", {})).status).toBe(303);
    expect((await setting("scraper.enabled")).value).toBe(false);
    expect((await setting("scraper.schedule")).value).toBe("*/30 * * * *");
    expect((await setting("features.beta_engine")).value).toEqual({
      enabled: true,
      rolloutPercent: 25,
      allow: ["a", "b"],
      deny: ["c", "d"],
    });
    expect((await setting("scraper.sources")).value).toEqual([
      { ...sources[0], enabled: true, encoding: "default" }, // no language filled in: it is detected
    ]);
  });

  it("shows refused values again with the reasons per field (422), saving nothing", async () => {
    const keys = ["ai.temperature", "scraper.schedule", "scraper.sources", "ai.cache_ttl"];
    const before = await Promise.all(keys.map(async (k) => (await setting(k)).version));
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const slider = await client.post("/admin/config/ai.temperature", { _csrf: csrf, value: "3" });
    expect(slider.status).toBe(422);
    const page = await slider.text();
    expect(page).toContain('role="alert"');
    expect(page).toMatch(/<li>value: Too big: expected number to be &lt;=1<\/li>/);
    expect(page).toContain('aria-invalid="true"');

    const cron = await client.post("/admin/config/scraper.schedule", { _csrf: csrf, value: "every day" });
    expect(cron.status).toBe(422);
    expect(await cron.text()).toMatch(/value="every day"/);

    const json = await client.post("/admin/config/scraper.sources", { _csrf: csrf, value: "[{oops" });
    expect(json.status).toBe(422);
    expect(await json.text()).toContain("value: not valid JSON");

    const schema = await client.post("/admin/config/scraper.sources", {
      _csrf: csrf,
      value: JSON.stringify([{ id: "x", url: "ftp://example.com/q", format: "gift" }]),
    });
    expect(schema.status).toBe(422);
    expect(await schema.text()).toContain("value.0.url");

    const nan = await client.post("/admin/config/ai.cache_ttl", { _csrf: csrf, value: "soon" });
    expect(nan.status).toBe(422);
    expect(await nan.text()).toContain("value: &#39;soon&#39; is not a number");
    expect(await Promise.all(keys.map(async (k) => (await setting(k)).version))).toEqual(before);
  });

  it("refuses a save from a page older than the key's version (412)", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    await adminFetch("/api/admin/config/ai.timeout_ms", { method: "PUT", body: { value: 30_000 } });
    const res = await client.post("/admin/config/ai.timeout_ms", { _csrf: csrf, version: "0", value: "40000" });
    expect(res.status).toBe(412);
    expect(await res.text()).toContain("Someone else changed this setting");
    expect(await setting("ai.timeout_ms")).toMatchObject({ value: 30_000, version: 1 });
  });

  it("asks for confirmation before a critical change", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const unconfirmed = await client.post("/admin/config/features.maintenance_mode", { _csrf: csrf, value: "on" });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("tick the confirmation box");
    expect((await setting("features.maintenance_mode")).value).toBe(false);
    const confirmed = await client.post("/admin/config/features.maintenance_mode", {
      _csrf: csrf,
      value: "on",
      confirm: "on",
    });
    expect(confirmed.status).toBe(303);
    // The dashboard keeps working during maintenance; learner endpoints do not.
    expect((await client.get("/admin")).status).toBe(200);
    expect((await SELF.fetch(`${BASE}/api/flags`)).status).toBe(503);
    const reset = await client.post("/admin/config/features.maintenance_mode/reset", {
      _csrf: csrf,
      confirm: "on",
    });
    expect(reset.status).toBe(303);
    expect((await setting("features.maintenance_mode")).value).toBe(false);
  });

  it("test mode previews the change and flag decisions for sample users without saving", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const page = await (await client.get("/admin?mode=test")).text();
    expect(page).toContain("Test mode is <strong>on</strong>");
    expect(page).toContain('<input type="hidden" name="mode" value="test"/>');
    const res = await client.post("/admin/config/features.new_ui", {
      _csrf: await client.csrf(),
      mode: "test",
      enabled: "on",
      rolloutPercent: "50",
    });
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(preview).toContain("Test mode: nothing was saved.");
    expect(preview).toContain("Decisions for sample users");
    expect(preview.match(/<td class="mono">sample-user-\d+<\/td>/g)).toHaveLength(10);
    expect(preview).toContain("Test change");
    expect((await setting("features.new_ui")).version).toBe(0);
  });

  it("lists a key's history and rolls back to an earlier version", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    for (const value of ["3", "8"]) {
      await client.post("/admin/config/adaptive.min_questions_per_session", {
        _csrf: csrf,
        value,
        reason: `to ${value}`,
      });
    }
    const history = await client.get("/admin/config/adaptive.min_questions_per_session/history");
    expect(history.status).toBe(200);
    const page = await history.text();
    expect(page).toContain("<td>to 8</td>");
    expect(page).toContain("Roll back to version 1");
    const rollback = await client.post("/admin/config/adaptive.min_questions_per_session/rollback", {
      _csrf: csrf,
      version: "1",
      expected: "2",
    });
    expect(rollback.status).toBe(303);
    expect(await setting("adaptive.min_questions_per_session")).toMatchObject({ value: 3, version: 3 });
    const stale = await client.post("/admin/config/adaptive.min_questions_per_session/rollback", {
      _csrf: csrf,
      version: "1",
      expected: "2",
    });
    expect(stale.status).toBe(412);
    const missing = await client.post("/admin/config/adaptive.min_questions_per_session/rollback", {
      _csrf: csrf,
      version: "42",
    });
    expect(missing.status).toBe(422);
    expect((await client.get("/admin/config/no.such_key/history")).status).toBe(404);
  });

  it("renders the monitoring panel from the modules' services", async () => {
    const client = await signIn(VIEWER_TOKEN);
    const page = await (await client.get("/admin")).text();
    expect(page).toContain('<h2 id="monitoring">Monitoring</h2>');
    expect(page).toMatch(/Config revision <strong>\d+<\/strong>/);
    expect(page).toContain('<th scope="row">MEMORY</th>');
    expect(page).toContain("No scraper run yet.");
    expect(page).toContain("<dt>Answer dead letters</dt><dd>0 (0 not replayed)</dd>");
    expect(page).toMatch(/<dt>Flagged questions<\/dt><dd>\d+<\/dd>/);
    expect(page).not.toContain("could not be read");
  });

  it("purges the cache from every tier, as the cache module's purge does", async () => {
    const client = await signIn(EDITOR_TOKEN);
    const csrf = await client.csrf();
    const unconfirmed = await client.post("/admin/cache/purge", { _csrf: csrf });
    expect(unconfirmed.status).toBe(422);
    const generation = async () =>
      ((await (await adminFetch("/api/admin/cache/stats")).json()) as { generation: unknown }).generation;
    const before = await generation();
    const res = await client.post("/admin/cache/purge", { _csrf: csrf, confirm: "on" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/admin\?done=purged&count=\d+#monitoring$/);
    expect(await generation()).not.toEqual(before);
  });
});
