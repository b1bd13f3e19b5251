/**
 * The API reference page in real headless Chromium under `wrangler dev`, offline: Swagger UI
 * comes from the Worker itself (the pinned swagger-ui-dist assets) and renders every operation
 * of the document without breaking the pages' strict Content-Security-Policy.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { type Browser, chromium } from "playwright-core";
import { type DevWorker, startDevWorker } from "./wrangler-dev.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !existsSync(CHROMIUM) && process.env.CI !== "true" ? `no Chromium at ${CHROMIUM}` : false;

let worker: DevWorker;
let browser: Browser;

before(async () => {
  if (skip) return;
  worker = await startDevWorker();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("/api/docs renders every operation from same-origin files, with no CSP violation", { skip }, async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("console", (m) => {
    // The pages' CSP allows images from this origin only, so Swagger UI's two decorative CSS icons
    // (data: SVGs) are not drawn; that is the one cost of keeping the dashboard's policy.
    const text = m.text();
    if (m.type() === "error" && !/^Loading the image 'data:image\/svg\+xml.*"img-src 'self'"/.test(text)) {
      problems.push(`console: ${text}`);
    }
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (new URL(r.url()).origin !== worker.url) foreign.push(r.url());
  });

  await page.goto(`${worker.url}/api/docs`);
  await page.locator(".opblock").first().waitFor({ state: "visible" });
  const doc = (await (await fetch(`${worker.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  assert.equal(await page.locator(".opblock").count(), operations, "one block per operation of the document");
  assert.deepEqual(foreign, [], "nothing is fetched from another origin");
  assert.deepEqual(problems, []);
});
