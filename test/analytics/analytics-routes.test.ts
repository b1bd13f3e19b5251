import { beforeEach, describe, expect, it } from "vitest";
import type { AdminQuestion } from "../../schemas/admin-question.ts";
import type { QuestionHealth, QuestionHealthList } from "../../schemas/analytics-api.ts";
import { maintainAnswerStream } from "../../src/answer-stream/maintenance.ts";
import { standardNormal as normal } from "../../src/calibration/calibration-simulation.ts";
import { successProbability } from "../../src/calibration/item-update.ts";
import { reviewQuestion } from "../../src/pipeline/review/review-question.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { prng as seededRandom } from "../../src/seed/draft.ts";
import { answerGraded, deliverAnswers } from "../helpers/answer-stream.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { originDownEnv } from "../helpers/failures.ts";
import { api } from "../helpers/http.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";
import { bearer, VIEWER_TOKEN } from "../helpers/tokens.ts";

const viewer = bearer(VIEWER_TOKEN);

/** Two three-choice questions keyed 'a'; learners answer them as if `truth` were right. */
async function answeredQuestions(seed: number) {
  const deps = writeDeps();
  const drafts = testQuestions(2).map((q) => ({
    ...q,
    choices: [...q.choices, { id: "c", text: `${q.choices[0]?.text} gamma` }],
  }));
  const { results } = await upsertQuestions(deps, drafts);
  await deps.settle();
  const [healthy, wrongKey] = results.map((r) => r.id) as [string, string];
  const random = seededRandom(seed);
  const events = [];
  for (const [id, truth] of [
    [healthy, "a"],
    [wrongKey, "b"],
  ] as const) {
    for (let i = 0; i < 80; i++) {
      const ability = normal(random);
      const knows = random() < successProbability(ability, 0);
      const pick = knows ? truth : (["a", "b", "c"].filter((c) => c !== truth)[Math.floor(random() * 2)] as string);
      events.push(
        answerGraded(id, {
          id: `${id}-${i}`,
          abilityBefore: ability,
          correct: pick === "a",
          score: pick === "a" ? 1 : 0,
          response: { choices: [pick] },
          elapsedMs: 2000 + i * 10,
        }),
      );
    }
  }
  await deliverAnswers(events.slice(0, 100));
  await deliverAnswers(events.slice(100));
  return { healthy, wrongKey };
}

/** A question's entry, paging through the report (the origin holds every test file's answers). */
async function healthOf(id: string): Promise<{ entry: QuestionHealth | undefined; list: QuestionHealthList }> {
  let cursor = "";
  for (;;) {
    const res = await api(`/api/admin/analytics/questions?limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: viewer,
    });
    expect(res.status).toBe(200);
    const list = (await res.json()) as QuestionHealthList;
    const entry = list.items.find((q) => q.id === id);
    if (entry || !list.nextCursor) return { entry, list };
    cursor = list.nextCursor;
  }
}

beforeEach(resetIsolateCache);

describe("question health analytics", () => {
  it("reports each question's figures and flags a wrong answer key; the cron puts it on the review list once", async () => {
    const { healthy, wrongKey } = await answeredQuestions(5);

    const good = (await healthOf(healthy)).entry as QuestionHealth;
    expect(good).toMatchObject({ answers: 80, flags: [], onReviewList: false });
    expect(good.pValue).toBeGreaterThan(0.3);
    expect(good.discrimination).toBeGreaterThan(0.1);
    expect(good.meanTimeMs).toBeCloseTo(2395, 0);
    expect(good.difficulty?.answers).toBe(80);
    expect(good.difficulty?.se).toBeGreaterThan(0);

    const { entry, list } = await healthOf(wrongKey);
    const bad = entry as QuestionHealth;
    expect(bad.flags.map((f) => f.reason)).toContain("likely_wrong_key");
    expect((bad.strongPicks.b ?? 0) > (bad.strongPicks.a ?? 0)).toBe(true);
    expect(list.summary.flagged).toBeGreaterThanOrEqual(1);

    const flaggedOnly = await api("/api/admin/analytics/questions?flagged=true&limit=200", { headers: viewer });
    const flaggedIds = ((await flaggedOnly.json()) as QuestionHealthList).items.map((q) => q.id);
    expect(flaggedIds).not.toContain(healthy);

    const deps = writeDeps();
    const report = await maintainAnswerStream(deps);
    await deps.settle();
    expect(report.flagged).toContain(wrongKey);
    expect(report.flagged).not.toContain(healthy);
    expect((await healthOf(wrongKey)).entry?.onReviewList).toBe(true);

    const review = await api("/api/admin/questions/review?limit=100&decision=review", { headers: viewer });
    const items = ((await review.json()) as { items: AdminQuestion[] }).items;
    const listed = items.find((q) => q.id === wrongKey);
    expect(listed?.status).toBe("review");
    expect(listed?.validation?.validator).toBe("analytics");
    expect(listed?.validation?.reasons.join(" ")).toContain("strong learners pick 'b'");

    // An editor approves it again: the same reason does not pull it a second time.
    await reviewQuestion(deps, wrongKey, "approve", "editor");
    const again = await maintainAnswerStream(deps);
    await deps.settle();
    expect(again.flagged).not.toContain(wrongKey);
  }, 60_000);

  it("is for admins, validates its query, and answers 503 when the origin is down", async () => {
    expect((await api("/api/admin/analytics/questions")).status).toBe(401);
    const bad = await api("/api/admin/analytics/questions?limit=0", { headers: viewer });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const down = await api("/api/admin/analytics/questions", { headers: viewer, env: originDownEnv() });
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toContain("application/problem+json");
  });
});
