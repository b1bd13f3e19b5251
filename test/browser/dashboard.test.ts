/**
 * End to end in real headless Chromium: the Worker runs under `wrangler dev` with local
 * bindings, an editor signs in to /admin and changes adaptive.flow_threshold, the admin API
 * serves the new value, and a viewer cannot save. Needs Debian's chromium (/usr/bin/chromium).
 */

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// CI installs Chromium and must run this; elsewhere a machine without it skips, saying so.
const skip = !existsSync(CHROMIUM) && process.env.CI !== "true" ? `no Chromium at ${CHROMIUM}` : false;
if (skip) console.log(`browser tests skipped: ${skip} (apt-get install chromium to run them)`);
// Run with this Node (>= 22), whatever `node` is first on PATH.
const WRANGLER = new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url).pathname;
const EDITOR = "browser-editor-token";
const VIEWER = "browser-viewer-token";

let dir = "";
let wrangler: ChildProcess | undefined;
let browser: Browser | undefined;
let base = "";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

before(async () => {
  if (skip) return;
  assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  dir = await mkdtemp(join(tmpdir(), "quiz-browser-"));
  const envFile = join(dir, "test.vars");
  await writeFile(envFile, `ADMIN_TOKENS=editor:${EDITOR},viewer:${VIEWER}\nSUPABASE_JWT_SECRET=browser-test\n`);
  const state = join(dir, "state");
  const migrate = spawnSync(
    process.execPath,
    [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    },
  );
  assert.equal(migrate.status, 0, migrate.stderr);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  wrangler = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      state,
      "--env-file",
      envFile,
      "--show-interactive-dev-session=false",
    ],
    { stdio: "ignore", detached: true },
  );
  await waitFor(`${base}/admin`, 60_000);
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
  if (wrangler?.pid) process.kill(-wrangler.pid, "SIGTERM");
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function signIn(token: string) {
  const context = await (browser as Browser).newContext();
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/admin`);
  return { context, page };
}

async function apiValue(key: string): Promise<{ value: unknown; version: number }> {
  const res = await fetch(`${base}/api/admin/config/${key}`, { headers: { authorization: `Bearer ${EDITOR}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as { value: unknown; version: number };
}

test("an editor changes adaptive.flow_threshold and the API serves it", { skip }, async () => {
  const { context, page } = await signIn(EDITOR);
  await page.getByRole("heading", { name: "Adaptive Learning" }).waitFor();
  const form = page.locator('form[data-key="adaptive.flow_threshold"]');
  await form.locator('input[name="value"]').fill("0.85");
  await form.locator('input[name="reason"]').fill("browser test");
  await form.getByRole("button", { name: "Save" }).click();
  await page.waitForLoadState();
  const notice = await page.locator(".notice").first().textContent({ timeout: 10_000 });
  assert.match(notice ?? "", /Saved adaptive\.flow_threshold/);
  assert.equal((await apiValue("adaptive.flow_threshold")).value, 0.85);
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, "dashboard.png"), fullPage: true });
  await context.close();
});

test("a viewer sees the settings but cannot save", { skip }, async () => {
  const { context, page } = await signIn(VIEWER);
  const form = page.locator('form[data-key="adaptive.flow_threshold"]');
  assert.equal(await form.getByRole("button", { name: "Save" }).isDisabled(), true);
  // Posting the form past the disabled button, with the viewer's session, is refused.
  const csrf = await form.locator('input[name="csrf"]').getAttribute("value");
  const res = await context.request.post(`${base}/admin/config/adaptive.flow_threshold`, {
    form: { csrf: csrf ?? "", version: "1", value: "0.3" },
    maxRedirects: 0,
  });
  assert.equal(res.status(), 403);
  assert.equal((await apiValue("adaptive.flow_threshold")).value, 0.85);
  await context.close();
});
