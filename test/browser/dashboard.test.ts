/**
 * End to end in real headless Chromium: the admin dashboard served by `wrangler dev`.
 * Run with `npm run test:browser` (node's test runner); needs /usr/bin/chromium
 * (Debian's `chromium` package; `.ci/run` installs it) or CHROMIUM_PATH.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { type DevWorker, startDevWorker } from "./wrangler-dev.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// CI installs Chromium and must run this; a machine without it skips, saying so.
const skip = !existsSync(CHROMIUM) && process.env.CI !== "true" ? `no Chromium at ${CHROMIUM}` : false;
if (skip) console.log(`browser tests skipped: ${skip} (apt-get install chromium to run them)`);

// The tokens of .dev.vars.example, which the dev Worker is started with.
const EDITOR = "dev-editor-token";
const VIEWER = "dev-viewer-token";
const KEY = "adaptive.flow_threshold";
const CARD = "#k-adaptive-flow_threshold-card";

let worker: DevWorker;
let browser: Browser;
const problems: string[] = [];

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${worker.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${EDITOR}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function setting(key: string): Promise<{ value: unknown; version: number; updated_by: string | null }> {
  const res = await api(`/api/admin/config/${key}`);
  assert.equal(res.status, 200);
  return (await res.json()) as { value: unknown; version: number; updated_by: string | null };
}

/** A page that records CSP violations, script errors and any dialog (an injected script would open one). */
async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  return page;
}

async function signIn(page: Page, token: string, name?: string): Promise<void> {
  await page.goto(`${worker.url}/admin`);
  assert.match(page.url(), /\/admin\/login$/, "an anonymous visit goes to the sign-in page");
  await page.getByLabel("Admin token").fill(token);
  if (name) await page.getByLabel(/Your name/).fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
}

before(async () => {
  if (skip) return;
  worker = await startDevWorker();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("an editor changes adaptive.flow_threshold in the dashboard and the API serves it", { skip }, async () => {
  // A stored value that would run as script if the dashboard ever emitted it unescaped.
  const hostile = "<img src=x onerror=alert(1)>";
  const seeded = await api("/api/admin/config/features.new_ui", {
    method: "PUT",
    body: { value: { enabled: true, rolloutPercent: 10, allow: [hostile] }, reason: "<script>alert(2)</script>" },
  });
  assert.equal(seeded.status, 200);

  const page = await newPage();
  await signIn(page, EDITOR, "Browser Test");

  const csp = (await page.request.get(`${worker.url}/admin`)).headers()["content-security-policy"] ?? "";
  assert.match(csp, /script-src 'self'/);
  assert.equal(await page.locator("#k-features-new_ui-allow").inputValue(), hostile, "stored markup is shown as text");

  // Keyboard only: the slider moves in steps of 0.05 from the default 0.7.
  const slider = page.locator(CARD).getByRole("slider");
  assert.equal(await slider.inputValue(), "0.7");
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  assert.equal(await slider.inputValue(), "0.85");
  assert.equal(await page.locator(`${CARD} output`).textContent(), "0.85", "the script mirrors the slider");
  await page.locator(CARD).getByLabel("Reason").fill("learners were bored");
  await page.locator(CARD).getByRole("button", { name: "Save" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Saved ${KEY}: now version 1` })
    .waitFor();

  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, "dashboard.png"), fullPage: true });
  }
  const saved = await setting(KEY);
  assert.equal(saved.value, 0.85);
  assert.equal(saved.version, 1);
  assert.equal(saved.updated_by, "Browser Test (editor-token, dashboard)");

  // Test mode validates and previews without saving.
  await page.getByRole("button", { name: "Turn test mode on" }).click();
  await page.locator("#k-ai-model-card").getByRole("combobox").selectOption("gpt-4o");
  await page.locator("#k-ai-model-card").getByRole("button", { name: "Test change" }).click();
  await page.getByText("Test mode: nothing was saved.").waitFor();
  assert.equal((await setting("ai.model")).version, 0);

  // The history lists the change with its reason.
  await page.goto(`${worker.url}/admin`);
  await page.getByRole("link", { name: `History of ${KEY}` }).click();
  await page.getByRole("cell", { name: "learners were bored" }).waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.context().close();
});

test("a viewer sees the settings but cannot save", { skip }, async () => {
  const page = await newPage();
  await signIn(page, VIEWER);
  const save = page.locator(CARD).getByRole("button", { name: "Save" });
  assert.equal(await save.isDisabled(), true, "the Save button is disabled for viewers");

  // Even with the page tampered with, the Worker refuses the change.
  await page.locator(`${CARD} fieldset`).evaluate((el) => el.removeAttribute("disabled"));
  await page.locator(CARD).getByRole("slider").fill("0.5");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/admin/config/${KEY}`) && r.request().method() === "POST"),
    save.click(),
  ]);
  assert.equal(response.status(), 403);
  await page.getByRole("heading", { name: "Not allowed" }).waitFor();
  assert.equal((await setting(KEY)).value, 0.85, "the value is unchanged");
  await page.context().close();
});

test("no page broke its Content-Security-Policy, threw, or opened a dialog", { skip }, () => {
  // The viewer's forced save answers 403, which Chromium logs as a failed resource.
  const unexpected = problems.filter((p) => !/status of 403/.test(p));
  assert.deepEqual(unexpected, []);
  console.log("browser e2e: sign-in, keyboard edit, save, API check, test mode, history, viewer refusal — all passed");
});
