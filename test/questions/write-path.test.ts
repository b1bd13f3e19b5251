import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { PublicQuestion } from "../../schemas/question.ts";
import { readD1Questions } from "../../src/questions/d1-store.ts";
import { readOriginQuestions } from "../../src/questions/origin-store.ts";
import { linkMedia, setQuestionStatus } from "../../src/questions/question-updates.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { api } from "../helpers/http.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";

beforeEach(() => resetIsolateCache());

async function served(id: string): Promise<{ status: number; source: string | null; body: PublicQuestion }> {
  const res = await api(`/api/questions/${id}`);
  return { status: res.status, source: res.headers.get("x-cache"), body: (await res.json()) as PublicQuestion };
}

describe("upsertQuestions", () => {
  it("inserts at the origin and into D1, and learners can read them at once", async () => {
    const deps = writeDeps();
    const inputs = testQuestions(2);
    const report = await upsertQuestions(deps, inputs);
    await deps.settle();
    expect([report.inserted, report.updated, report.unchanged, report.conflicts]).toEqual([2, 0, 0, 0]);
    const ids = report.results.map((r) => r.id);
    for (const r of report.results) {
      expect(r.id).toMatch(/^q_[0-9a-f]{16}$/);
      expect(r.version).toBe(1);
    }
    expect((await readOriginQuestions(deps.origin, ids)).size).toBe(2);
    expect((await readD1Questions(env.DB, ids)).size).toBe(2);
    const first = await served(ids[0] as string);
    expect([first.status, first.source, first.body.text]).toEqual([200, "D1", inputs[0]?.text]);
    // Search sees them too (the FTS triggers indexed the D1 rows).
    const search = await api(`/api/questions/search?q=${encodeURIComponent(inputs[1]?.text.split(":")[0] ?? "")}`);
    expect(((await search.json()) as { questions: { id: string }[] }).questions.map((q) => q.id)).toContain(ids[1]);
  });

  it("is idempotent: the same content again changes nothing and purges nothing", async () => {
    const deps = writeDeps();
    const inputs = testQuestions(3);
    await upsertQuestions(deps, inputs);
    const again = await upsertQuestions(deps, inputs);
    await deps.settle();
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 3]);
    expect(again.purge).toBeNull();
    expect(again.results.every((r) => r.version === 1)).toBe(true);
  });

  it("updates by id, bumps the version and invalidates every tier", async () => {
    const deps = writeDeps();
    const [input] = testQuestions(1) as [ReturnType<typeof testQuestions>[number]];
    const { results } = await upsertQuestions(deps, [input]);
    const id = results[0]?.id as string;
    await served(id); // cached in memory, KV and D1
    expect((await served(id)).source).toBe("MEMORY");

    const edited = { ...input, id, text: `${input.text} (edited)`, difficulty: 4 };
    const report = await upsertQuestions(deps, [edited]);
    await deps.settle();
    expect(report.results[0]).toMatchObject({ id, action: "updated", version: 2 });
    expect(report.purge).toMatchObject({ scope: "ids", ids: [id] });
    expect(report.purge?.kv.keysDeleted).toBeGreaterThan(0);

    const after = await served(id);
    expect(after.source).not.toBe("MEMORY");
    expect([after.body.text, after.body.difficulty, after.body.version]).toEqual([edited.text, 4, 2]);
  });

  it("matches content without an id, and refuses content that exists under another id", async () => {
    const deps = writeDeps();
    const [a, b] = testQuestions(2) as [
      ReturnType<typeof testQuestions>[number],
      ReturnType<typeof testQuestions>[number],
    ];
    const { results } = await upsertQuestions(deps, [a, b]);
    const [idA, idB] = results.map((r) => r.id) as [string, string];

    const retagged = await upsertQuestions(deps, [{ ...a, tags: ["retagged"] }]);
    expect(retagged.results[0]).toMatchObject({ id: idA, action: "updated", version: 2 });

    const clash = await upsertQuestions(deps, [{ ...b, id: idA }]);
    expect(clash.results[0]).toMatchObject({ action: "conflict" });
    expect(clash.results[0]?.detail).toContain(idB);
    expect((await served(idA)).body.text).toBe(a.text);
  });
});

describe("status and media updates", () => {
  it("hides a question moved to review and shows it again when active", async () => {
    const deps = writeDeps();
    const { results } = await upsertQuestions(deps, testQuestions(1));
    const id = results[0]?.id as string;
    expect((await served(id)).status).toBe(200);

    const hidden = await setQuestionStatus(deps, [id], "review");
    await deps.settle();
    expect(hidden.updated).toEqual([id]);
    expect((await readD1Questions(env.DB, [id], { activeOnly: false })).get(id)?.status).toBe("review");
    expect((await api(`/api/questions/${id}`)).status).toBe(404);

    await setQuestionStatus(deps, [id], "active");
    await deps.settle();
    expect((await served(id)).status).toBe(200);
    expect((await setQuestionStatus(deps, [id], "active")).updated).toEqual([]);
  });

  it("links media keys once", async () => {
    const deps = writeDeps();
    const { results } = await upsertQuestions(deps, testQuestions(1));
    const id = results[0]?.id as string;
    const key = `${"ab".repeat(32)}.png`;
    expect((await linkMedia(deps, id, key))?.updated).toEqual([id]);
    expect((await linkMedia(deps, id, key))?.updated).toEqual([]);
    await deps.settle();
    expect((await served(id)).body.mediaKeys).toEqual([key]);
    expect(await linkMedia(deps, "q_nosuchquestion00", key)).toBeNull();
  });
});
