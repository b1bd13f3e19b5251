/**
 * The seed's synthetic journey in real headless Chromium, with the seed's selectors, against
 * the learner app under `wrangler dev`: sign in, start a quiz, see the question card, choose
 * option 0, submit, read the level from the difficulty indicator; then finish the session and
 * check the stats page (the answers and the ability chart) and the leaderboard (the learner is
 * on it, through the Upstash REST bridge in front of a real redis-server).
 * `SCREENSHOT_DIR=docs/screenshots` keeps the quiz page at desktop and phone width, and the
 * stats and leaderboard pages.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import type { Question } from "../../schemas/question.ts";
import { startUpstashBridge, type UpstashBridge } from "../../scripts/lib/upstash-bridge.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";
import { type DevWorker, startDevWorker } from "./wrangler-dev.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !existsSync(CHROMIUM) && process.env.CI !== "true" ? `no Chromium at ${CHROMIUM}` : false;
if (skip) console.log(`browser tests skipped: ${skip} (apt-get install chromium to run them)`);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let worker: DevWorker;
let redis: UpstashBridge;
/** The bank the Worker serves: the keyboard answers are right, so the learner earns points for the board. */
let bank: Map<string, Question>;
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

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, name), fullPage });
}

before(async () => {
  if (skip) return;
  bank = new Map((await buildQuestionBank()).map((q) => [q.id, q]));
  redis = await startUpstashBridge({ token: "journey-upstash-token" });
  worker = await startDevWorker({
    seedQuestions: true,
    vars: { UPSTASH_REDIS_REST_URL: redis.url, UPSTASH_REDIS_REST_TOKEN: redis.token },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  await redis?.stop();
});

test("the seed's journey: sign in, start, card, option 0, submit, level; then finish, stats, leaderboard", {
  skip,
}, async () => {
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

  // The next answers by keyboard only, and right (from the bank), so the learner has points:
  // focus each right option and press Space (or type the answer), then Enter to submit.
  for (let i = 0; i < 3; i++) {
    const card = page.locator('[data-test="question-card"]');
    if ((await card.count()) === 0) break;
    const id = await card.locator('input[name="questionId"]').getAttribute("value");
    const key = bank.get(id ?? "")?.answer;
    assert.ok(key, `question ${id} is in the bank`);
    if (key.kind === "choices") {
      for (const choice of key.correct) {
        const option = card.locator(`input[name="choice"][value="${choice}"]`);
        await option.focus();
        await page.keyboard.press("Space");
        assert.equal(await option.isChecked(), true);
      }
    } else {
      await card.locator('[data-test="answer-input"]').focus();
      await page.keyboard.type(key.kind === "numeric" ? String(key.value) : (key.accepted[0] ?? ""));
    }
    await page.keyboard.press("Enter");
    await page.locator("#feedback .feedback").waitFor();
    assert.match((await page.locator("#feedback").textContent()) ?? "", /Correct!/);
  }
  const position = await page.locator("#progress-label").textContent();
  assert.match(position ?? "", /Question 5 of 10/);

  await page.click('[data-test="finish-quiz"]');
  await page.locator('[data-test="session-summary"]').waitFor();
  const summary = await page.locator("dl.figures").textContent();
  assert.match(summary ?? "", /Answered4/);

  // The learner's stats: the four answers, and the chart of ability with a point for the topic.
  await page.click('[data-test="link-stats"]');
  await page.waitForURL(/\/stats$/);
  assert.equal(await page.locator('[data-test="stats-answers"]').textContent(), "4");
  const chart = page.locator('svg[data-test="ability-chart"]');
  await chart.waitFor({ state: "visible" });
  assert.equal(await chart.locator("g.series").count(), 1, "one line: the topic played");
  assert.equal(await chart.locator("g.series circle").count(), 1, "one point: today");
  await screenshot(page, "stats-desktop.png", true);

  // The leaderboard: the learner's row, marked as theirs (the board is written after each answer).
  await page.click('nav a[href="/leaderboard"]');
  await page.waitForURL(/\/leaderboard$/);
  for (let i = 0; i < 60 && (await page.locator('[data-test="my-row"]').count()) === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.reload();
  }
  assert.match((await page.locator('[data-test="my-row"]').textContent()) ?? "", /Dev Learner \(you\)/);
  assert.match((await page.locator('[data-test="my-place"]').textContent()) ?? "", /You are number 1 with \d+ points/);
  await page.click('[data-test="period-weekly"]');
  await page.waitForURL(/period=weekly/);
  assert.equal(await page.locator('[data-test="period-weekly"]').getAttribute("aria-current"), "page");
  await page.locator('[data-test="my-row"]').waitFor();
  await screenshot(page, "leaderboard-desktop.png");
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
  console.log(
    "learner journey: sign-in, start, card, option 0, submit, level, keyboard, finish, stats, leaderboard, phone — all passed",
  );
});
