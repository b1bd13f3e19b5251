import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { handleScheduledPurges } from "../../src/questions/heal-purges.ts";
import { pendingPurgeIds } from "../../src/questions/pending-purges.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import worker from "../../workers/index.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { failingD1, failingKv, withEnv } from "../helpers/failures.ts";
import { api } from "../helpers/http.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";
import { bearer, EDITOR_TOKEN } from "../helpers/tokens.ts";

beforeEach(() => resetIsolateCache());

const MINUTE = 60_000;
/** A tick that only retries pending purges, and one (minute 0) that also reconciles. */
const RETRY_TICK = Date.UTC(2026, 0, 1, 10, 1);
const RECONCILE_TICK = Date.UTC(2026, 0, 1, 10, 5);

/** One question of its own, active and read once, so memory, KV and D1 all hold it. */
async function cachedQuestion(status: "active" | "review" = "active"): Promise<string> {
  const deps = writeDeps();
  const [input] = testQuestions(1);
  const { results } = await upsertQuestions(deps, [{ ...input, status } as NonNullable<typeof input>]);
  await deps.settle();
  const id = results[0]?.id as string;
  expect((await api(`/api/questions/${id}`)).status).toBe(status === "active" ? 200 : 404);
  return id;
}

async function served(id: string): Promise<{ status: number; text?: string }> {
  const res = await api(`/api/questions/${id}`);
  const body = (await res.json()) as { text?: string };
  return { status: res.status, text: body.text };
}

async function decide(id: string, action: "approve" | "reject", testEnv: Env = env): Promise<Response> {
  return api(`/api/admin/questions/${id}/${action}`, { method: "POST", headers: bearer(EDITOR_TOKEN), env: testEnv });
}

async function tick(scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  await handleScheduledPurges({ scheduledTime }, env, ctx);
  await waitOnExecutionContext(ctx);
}

async function pending(id: string): Promise<boolean> {
  return (await pendingPurgeIds(env.DB, 10_000)).includes(id);
}

describe("purges that fail heal (issue 13)", () => {
  it("reject with KV failing: 200, the purge stays pending, and the cron's retry takes the question down", async () => {
    const id = await cachedQuestion();
    const res = await decide(id, "reject", withEnv({ QUESTIONS_KV: failingKv() }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("rejected");
    expect(await pending(id)).toBe(true);
    // KV still holds the active copy: learners get it until the purge is done.
    expect((await served(id)).status).toBe(200);
    await tick(RETRY_TICK);
    expect(await pending(id)).toBe(false);
    expect((await served(id)).status).toBe(404);
  });

  it("a repeated decision purges again, though the status already matches", async () => {
    const id = await cachedQuestion();
    expect((await decide(id, "reject", withEnv({ QUESTIONS_KV: failingKv() }))).status).toBe(200);
    expect((await served(id)).status).toBe(200); // the failed purge left KV stale
    expect((await decide(id, "reject")).status).toBe(200);
    expect((await served(id)).status).toBe(404);
    expect(await pending(id)).toBe(false);
  });

  it("reject with D1 failing: 200, and the reconcile finds the stale D1 copy by its version and repairs it", async () => {
    const id = await cachedQuestion();
    const res = await decide(id, "reject", withEnv({ DB: failingD1() }));
    expect(res.status).toBe(200);
    // Nothing could be recorded, and D1 still says active: it serves the question.
    expect((await served(id)).status).toBe(200);
    await tick(RETRY_TICK);
    expect((await served(id)).status).toBe(200); // the retry alone cannot know
    await tick(RECONCILE_TICK);
    const row = await env.DB.prepare("SELECT status, version FROM questions WHERE id = ?1").bind(id).first();
    expect(row).toMatchObject({ status: "rejected", version: 2 });
    expect((await served(id)).status).toBe(404);
  });

  it("approve with KV failing: 200, learners get it, and the pending purge is done by the cron", async () => {
    const id = await cachedQuestion("review");
    const res = await decide(id, "approve", withEnv({ QUESTIONS_KV: failingKv() }));
    expect(res.status).toBe(200);
    expect(await pending(id)).toBe(true);
    await tick(RETRY_TICK);
    expect(await pending(id)).toBe(false);
    expect((await served(id)).status).toBe(200);
  });

  it("approve with D1 failing: 200, and learners get it from the origin", async () => {
    const id = await cachedQuestion("review");
    expect((await decide(id, "approve", withEnv({ DB: failingD1() }))).status).toBe(200);
    expect((await served(id)).status).toBe(200);
    await tick(RECONCILE_TICK);
    const row = await env.DB.prepare("SELECT status FROM questions WHERE id = ?1").bind(id).first();
    expect(row).toMatchObject({ status: "active" });
  });

  it("import with KV failing: the write succeeds, the purge is pending, then done", async () => {
    const id = await cachedQuestion();
    const deps = { ...writeDeps(), env: withEnv({ QUESTIONS_KV: failingKv() }) };
    const [input] = testQuestions(1);
    const edited = { ...(input as NonNullable<typeof input>), id, text: "Edited while KV was down: which first?" };
    const report = await upsertQuestions(deps, [edited]);
    expect(report.updated).toBe(1);
    expect(report.purge?.pending).toBe(true);
    expect((await served(id)).text).not.toBe(edited.text); // KV still holds version 1
    await tick(RETRY_TICK);
    expect((await served(id)).text).toBe(edited.text);
  });

  it("import with D1 failing: the write succeeds, and the reconcile re-copies the drifted row", async () => {
    const id = await cachedQuestion();
    const deps = { ...writeDeps(), env: withEnv({ DB: failingD1() }) };
    const [input] = testQuestions(1);
    const edited = { ...(input as NonNullable<typeof input>), id, text: "Edited while D1 was down: which first?" };
    expect((await upsertQuestions(deps, [edited])).updated).toBe(1);
    expect((await served(id)).text).not.toBe(edited.text); // D1 still holds version 1
    await tick(RECONCILE_TICK);
    expect((await served(id)).text).toBe(edited.text);
  });

  it("is wired into the Worker's cron", async () => {
    const id = await cachedQuestion();
    expect((await decide(id, "reject", withEnv({ QUESTIONS_KV: failingKv() }))).status).toBe(200);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: RETRY_TICK + MINUTE }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await pending(id)).toBe(false);
    expect((await served(id)).status).toBe(404);
  });
});
