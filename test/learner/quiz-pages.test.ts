import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { LEARNER_COOKIE } from "../../src/learner/learner-cookie.ts";
import { seedBankById } from "../helpers/bank.ts";
import { cookieFrom, page } from "../helpers/learner.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

function attr(html: string, test: string, name: string): string | undefined {
  return new RegExp(`data-test="${test}"[^>]*\\b${name}="([^"]*)"|\\b${name}="([^"]*)"[^>]*data-test="${test}"`)
    .exec(html)
    ?.slice(1)
    .find((v) => v !== undefined);
}

function hidden(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} field`);
  return value;
}

/** The answer fields the question card would post, right or wrong. */
function fields(q: Question, correct: boolean): Record<string, string | string[]> {
  const key = q.answer;
  if (key.kind === "choices") {
    const ids = correct ? key.correct : [q.choices.find((c) => !key.correct.includes(c.id))?.id ?? ""];
    return { choice: ids };
  }
  if (key.kind === "numeric") return { value: String(correct ? key.value : key.value + key.tolerance + 1000) };
  return { text: correct ? (key.accepted[0] ?? "") : "certainly not" };
}

async function startQuiz(form: Record<string, string>, cookie?: string): Promise<{ id: string; html: string }> {
  const res = await page("/quiz", { form, cookie });
  expect(res.status).toBe(303);
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/quiz\/s_[0-9a-f]{32}$/);
  const shown = await page(location, { cookie });
  expect(shown.status).toBe(200);
  return { id: location.slice("/quiz/".length), html: await shown.text() };
}

async function answer(id: string, html: string, correct: boolean, cookie?: string) {
  const q = byId.get(hidden(html, "questionId")) as Question;
  const form = { questionId: q.id, key: hidden(html, "key"), shownAt: hidden(html, "shownAt"), ...fields(q, correct) };
  const res = await page(`/quiz/${id}/answer`, { form, cookie });
  return { res, html: await res.text(), q, form };
}

describe("the quiz pages", () => {
  it("lists the topics from /api/categories on the home page", async () => {
    const html = await (await page("/")).text();
    expect(html).toContain('<option value="mathematics">mathematics</option>');
    expect(html).toMatch(/<strong>geography<\/strong><br\/><span class="help">\d+ questions<\/span>/);
  });

  it("an anonymous learner plays: card, options, submit, feedback with the key and explanation, level, summary", async () => {
    const { id, html } = await startQuiz({ topic: "geography", difficulty: "2", length: "3" });
    expect(html).toContain('data-test="question-card"');
    expect(html).toContain('data-test="submit-answer"');
    expect(attr(html, "difficulty-indicator", "data-level")).toBe("2.0");
    expect(html).toContain("Question 1 of 3");
    const first = byId.get(hidden(html, "questionId")) as Question;
    if (first.choices.length > 0) expect(html).toContain('data-test="answer-option-0"');
    // No answer key before grading.
    if (first.explanation) expect(html).not.toContain(first.explanation);

    const wrong = await answer(id, html, false);
    expect(wrong.res.status).toBe(200);
    expect(wrong.html).toMatch(/<div aria-live="polite" id="feedback"><div class="feedback wrong">/);
    expect(wrong.html).toContain("Not quite.");
    expect(wrong.html).toContain("Correct answer: ");
    if (wrong.q.explanation) expect(wrong.html).toContain(wrong.q.explanation.slice(0, 40));
    expect(wrong.html).toContain("Question 2 of 3");

    // The same form again (a reload of the feedback page): recorded once, the quiz where it stands.
    const again = await page(`/quiz/${id}/answer`, { form: wrong.form });
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).toContain("That answer was already recorded");
    expect(againHtml).toContain("Question 2 of 3");
    expect(hidden(againHtml, "questionId")).toBe(hidden(wrong.html, "questionId"));

    const right = await answer(id, wrong.html, true);
    expect(right.html).toContain("Correct!");
    const last = await answer(id, right.html, true);
    expect(last.html).toContain("That was the last question.");
    expect(last.html).not.toContain('data-test="question-card"');

    const summary = await page(`/quiz/${id}/finish`, { form: {} });
    expect(summary.status).toBe(200);
    const text = await summary.text();
    expect(text).toContain('data-test="session-summary"');
    expect(text).toMatch(/<dt>Answered<\/dt><dd>3<\/dd><dt>Correct<\/dt><dd>2<\/dd><dt>Accuracy<\/dt><dd>67 %<\/dd>/);
  });

  it("a signed-in learner's quiz belongs to them: another visitor gets 404", async () => {
    const signIn = await page("/auth/dev", { form: {} });
    const cookie = cookieFrom(signIn, LEARNER_COOKIE) ?? "";
    const { id } = await startQuiz({ topic: "history", difficulty: "3", length: "2" }, cookie);
    expect((await page(`/quiz/${id}`, { cookie })).status).toBe(200);
    const stranger = await page(`/quiz/${id}`);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("says what is wrong with a bad start, as a page", async () => {
    const unknown = await page("/quiz", { form: { topic: "no-such-topic-at-all" } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("no category matches");
    const bad = await page("/quiz", { form: { topic: "history", difficulty: "9" } });
    expect(bad.status).toBe(422);
  });

  it("speaks Mongolian on the quiz page too", async () => {
    const { html } = await startQuiz({ topic: "geography", length: "2" });
    expect(html).toContain("Question 1 of 2");
    const id = /action="\/quiz\/(s_[0-9a-f]+)\/answer"/.exec(html)?.[1];
    const mn = await (await page(`/quiz/${id}`, { headers: { "accept-language": "mn" } })).text();
    expect(mn).toContain("2-с 1-р асуулт");
    expect(mn).toContain("Хариулт илгээх");
  });
});
