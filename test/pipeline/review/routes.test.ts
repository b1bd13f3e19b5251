import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { AdminQuestion, ReviewList } from "../../../schemas/admin-question.ts";
import type { Candidate } from "../../../schemas/pipeline-messages.ts";
import worker from "../../../workers/index.ts";
import { adminFetch, BASE } from "../../helpers/admin.ts";
import { questionBank } from "../../helpers/bank.ts";
import { candidate, validateMessage } from "../../helpers/candidates.ts";
import { expectProblem } from "../../helpers/problem.ts";
import { scrapedRun } from "../../helpers/runs.ts";
import { publishSettings } from "../../helpers/settings.ts";
import { VIEWER_TOKEN } from "../../helpers/tokens.ts";

let accepted: Candidate;
let wrongKey: Candidate;
let placeholder: Candidate;
let near: Candidate;

/** Whether learners get the question: active in the edge copy, and served by the question API. */
async function learnersGet(id: string): Promise<boolean> {
  const edge =
    (await env.DB.prepare("SELECT 1 FROM questions WHERE id = ?1 AND status = 'active'").bind(id).first()) !== null;
  const res = await SELF.fetch(`${BASE}/api/questions/${id}`);
  await res.body?.cancel();
  expect(res.status === 200).toBe(edge);
  return edge;
}

beforeAll(async () => {
  await publishSettings({});
  const tag = crypto.randomUUID().slice(0, 8);
  accepted = await candidate({ text: `Which Greek letter follows alpha? ${tag}` });
  wrongKey = await candidate({
    text: "What is 701 + 9?",
    choices: [
      { id: "a", text: "710" },
      { id: "b", text: "711" },
    ],
    answer: { kind: "choices", correct: ["b"] },
  });
  placeholder = await candidate({ text: `<INSERT TEXT IMAGE HERE> choose ${tag}` });
  near = await candidate({ text: `Which Greek letter comes after alpha? ${tag}`, nearDuplicateOf: accepted.id });
  const runId = await scrapedRun("review-src", 1);
  const batch = createMessageBatch("edge-quiz-validate", [
    {
      id: "review-1",
      timestamp: new Date(),
      attempts: 1,
      body: validateMessage(runId, "review-src", 0, [accepted, wrongKey, placeholder, near]),
    },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["review-1"]);
});

describe("review list", () => {
  it("lists rejected and held questions with their keys and validation records", async () => {
    await expectProblem(await adminFetch("/api/admin/questions/review", { token: "nope" }), 401);
    const res = await adminFetch("/api/admin/questions/review", { token: VIEWER_TOKEN });
    expect(res.status).toBe(200);
    const { items, nextCursor } = (await res.json()) as ReviewList;
    const mine = items.filter((q) => [wrongKey.id, placeholder.id, near.id].includes(q.id));
    expect(mine).toHaveLength(3);
    expect(items.map((q) => q.id)).not.toContain(accepted.id);
    expect(nextCursor).toBeNull();
    const rejected = mine.find((q) => q.id === wrongKey.id);
    expect(rejected).toMatchObject({
      status: "review",
      answer: { kind: "choices", correct: ["b"] },
      validation: { decision: "rejected", validator: "offline", verdict: { answerKeyCorrect: false } },
    });
    expect(rejected?.validation?.reasons.join(" ")).toContain("710");
    expect(mine.find((q) => q.id === near.id)?.validation).toMatchObject({
      decision: "review",
      nearDuplicateOf: accepted.id,
      reasons: [`nearly duplicates ${accepted.id}`],
    });
  });

  it("filters by decision and pages with a cursor", async () => {
    const rejected = (await (
      await adminFetch("/api/admin/questions/review?decision=rejected", { token: VIEWER_TOKEN })
    ).json()) as ReviewList;
    // The origin is shared by every test file: look at this file's questions only.
    const mine = new Set([wrongKey.id, placeholder.id, near.id]);
    expect(rejected.items.map((q) => q.id).filter((id) => mine.has(id))).toEqual([wrongKey.id]);
    expect(rejected.items.every((q) => q.validation?.decision === "rejected")).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = (await (
        await adminFetch(`/api/admin/questions/review?limit=1${query}`, { token: VIEWER_TOKEN })
      ).json()) as ReviewList;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((q) => q.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => mine.has(id)).sort()).toEqual([...mine].sort());
  });
});

describe("GET /api/admin/questions/:id", () => {
  it("shows any question with its answer key and validation record", async () => {
    const res = await adminFetch(`/api/admin/questions/${accepted.id}`, { token: VIEWER_TOKEN });
    expect(res.status).toBe(200);
    const q = (await res.json()) as AdminQuestion;
    expect(q).toMatchObject({
      id: accepted.id,
      status: "active",
      answer: accepted.answer,
      explanation: "Because it is.",
      contentHash: accepted.contentHash,
      source: "review-src",
      validation: { decision: "accepted", validator: "offline", promptVersion: "offline-v2", reviewedBy: null },
    });
    expect(q.createdAt).toMatch(/Z$/);
    await expectProblem(await adminFetch("/api/admin/questions/q_0000000000000000", { token: VIEWER_TOKEN }), 404);
    await expectProblem(await adminFetch("/api/admin/questions/bad%20id", { token: VIEWER_TOKEN }), 400);
  });

  it("shows seeded questions, which have no validation record", async () => {
    // The global setup seeds the bank into the origin, which this endpoint reads.
    const [seeded] = await questionBank();
    const res = await adminFetch(`/api/admin/questions/${seeded?.id}`, { token: VIEWER_TOKEN });
    expect(res.status).toBe(200);
    const q = (await res.json()) as AdminQuestion;
    expect(q).toMatchObject({ id: seeded?.id, source: "seed", answer: seeded?.answer, validation: null });
  });
});

describe("approve and reject", () => {
  it("need an editor", async () => {
    await expectProblem(
      await adminFetch(`/api/admin/questions/${placeholder.id}/approve`, { method: "POST", token: VIEWER_TOKEN }),
      403,
    );
    await expectProblem(await adminFetch("/api/admin/questions/q_0000000000000000/approve", { method: "POST" }), 404);
  });

  it("approving makes a question active at the origin and on the edge, once", async () => {
    expect(await learnersGet(placeholder.id)).toBe(false);
    const res = await adminFetch(`/api/admin/questions/${placeholder.id}/approve`, { method: "POST" });
    expect(res.status).toBe(200);
    const q = (await res.json()) as AdminQuestion;
    expect(q).toMatchObject({ status: "active", version: 2, validation: { reviewedBy: "editor-token" } });
    expect(q.validation?.reviewedAt).toBeTruthy();
    expect(await learnersGet(placeholder.id)).toBe(true);
    const again = (await (
      await adminFetch(`/api/admin/questions/${placeholder.id}/approve`, { method: "POST" })
    ).json()) as AdminQuestion;
    expect(again.version).toBe(2);
    const list = (await (await adminFetch("/api/admin/questions/review")).json()) as ReviewList;
    expect(list.items.map((i) => i.id)).not.toContain(placeholder.id);
  });

  it("rejecting takes a question out of the review list and away from learners", async () => {
    const res = await adminFetch(`/api/admin/questions/${wrongKey.id}/reject`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AdminQuestion).status).toBe("rejected");
    const list = (await (await adminFetch("/api/admin/questions/review")).json()) as ReviewList;
    expect(list.items.map((i) => i.id)).not.toContain(wrongKey.id);
    // An active question can be taken down too.
    expect(await learnersGet(accepted.id)).toBe(true);
    await adminFetch(`/api/admin/questions/${accepted.id}/reject`, { method: "POST" });
    expect(await learnersGet(accepted.id)).toBe(false);
  });
});
