/**
 * The seed's synthetic journey in real headless Chromium, with the seed's selectors, against
 * the learner app under `wrangler dev`: sign in, start a quiz, see the question card, choose
 * option 0, submit, read the level from the difficulty indicator; then finish the session.
 * `SCREENSHOT_DIR=docs/screenshots` keeps the quiz page at desktop and phone width.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { type DevWorker, startDevWorker } from "./wrangler-dev.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !existsSync(CHROMIUM) && process.env.CI !== "true" ? `no Chromium at ${CHROMIUM}` : false;
if (skip) console.log(`browser tests skipped: ${skip} (apt-get install chromium to run them)`);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let worker: DevWorker;
let browser: Browser;
const problems: string[] = [];

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return page;
}

/**
 * Step 4 of the journey: option 0 when the question has options. The bank also has numeric and
 * short-answer questions (every topic does); those get a typed answer instead.
 */
async function answerCurrent(page: Page): Promise<"option-0" | "typed"> {
  const option = page.locator('[data-test="answer-option-0"]');
  if ((await option.count()) > 0) {
    await option.click();
    return "option-0";
  }
  await page.locator('[data-test="answer-input"]').fill("0");
  return "typed";
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, name) });
}

before(async () => {
  if (skip) return;
  worker = await startDevWorker({ seedQuestions: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("the seed's journey: sign in, start, card, option 0, submit, level; then finish", { skip }, async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/signin`);
  await page.click('[data-test="login-github"]');
  await page.waitForURL(/\/dashboard$/);
  assert.match(page.url(), /\/dashboard$/);

  await page.click('[data-test="start-quiz"]');
  await page.locator('[data-test="question-card"]').waitFor({ state: "visible" });
  const before = Number(await page.getAttribute('[data-test="difficulty-indicator"]', "data-level"));
  assert.equal(before, 3, "the quiz starts at the form's level");

  await answerCurrent(page);
  await page.click('[data-test="submit-answer"]');
  await page.locator("#feedback .feedback").waitFor();
  const level = await page.getAttribute('[data-test="difficulty-indicator"]', "data-level");
  assert.match(level ?? "", /^[1-5]\.\d$/, "data-level holds the current level");
  const feedback = await page.locator("#feedback").textContent();
  assert.match(feedback ?? "", /Correct!|Not quite\.|Partly right/);
  assert.match(feedback ?? "", /Correct answer: /);
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest("#feedback") !== null),
    true,
    "focus moves to the feedback",
  );
  assert.equal(await page.locator("#feedback").getAttribute("aria-live"), "polite");
  await screenshot(page, "quiz-desktop.png");

  // The next answers by keyboard only: Tab to the first option, Space to choose, Enter to submit.
  for (let i = 0; i < 3; i++) {
    const card = page.locator('[data-test="question-card"]');
    if ((await card.count()) === 0) break;
    const option = card.locator('[data-test="answer-option-0"] input');
    if ((await option.count()) > 0) {
      await option.focus();
      await page.keyboard.press("Space");
      assert.equal(await option.isChecked(), true);
    } else {
      await card.locator('[data-test="answer-input"]').focus();
      await page.keyboard.type("1");
    }
    await page.keyboard.press("Enter");
    await page.locator("#feedback .feedback").waitFor();
  }
  const position = await page.locator("#progress-label").textContent();
  assert.match(position ?? "", /Question 5 of 10/);

  await page.click('[data-test="finish-quiz"]');
  await page.locator('[data-test="session-summary"]').waitFor();
  const summary = await page.locator("dl.figures").textContent();
  assert.match(summary ?? "", /Answered4/);
  await page.context().close();
});

test("the quiz page works at phone width, and in Mongolian", { skip }, async () => {
  const page = await newPage(PHONE);
  await page.goto(`${worker.url}/`);
  await page.click('a[hreflang="mn"]');
  await page.locator('html[lang="mn"]').waitFor();
  await page.click('[data-test="start-quiz"]');
  await page.locator('[data-test="question-card"]').waitFor({ state: "visible" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "nothing is wider than the phone's screen");
  await screenshot(page, "quiz-phone.png");
  await answerCurrent(page);
  await page.click('[data-test="submit-answer"]');
  await page.locator("#feedback .feedback").waitFor();
  assert.match((await page.locator("#feedback").textContent()) ?? "", /Зөв хариулт: /);
  await page.context().close();
});

test("no learner page broke its Content-Security-Policy or threw", { skip }, () => {
  assert.deepEqual(problems, []);
  console.log("learner journey: sign-in, start, card, option 0, submit, level, keyboard, finish, phone — all passed");
});
