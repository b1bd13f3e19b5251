import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ReletterResult } from "../../schemas/admin-question.ts";
import type { PublicQuestion } from "../../schemas/question.ts";
import { readD1Questions } from "../../src/questions/d1-store.ts";
import { readOriginQuestions } from "../../src/questions/origin-store.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { adminFetch } from "../helpers/admin.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";
import { VIEWER_TOKEN } from "../helpers/tokens.ts";

/** Questions stored before import shuffled: four choices each, the key always first. */
function keyFirst(count: number) {
  const inputs = testQuestions(count);
  return inputs.map((q, i) => ({
    ...q,
    choices: ["alpha", "beta", "gamma", "delta"].map((w, j) => ({ id: "abcd"[j] ?? "", text: `${w} ${i}` })),
    answer: { kind: "choices" as const, correct: ["a"] },
  }));
}

describe("POST /api/admin/questions/reletter", () => {
  it("re-letters stored questions once: key texts kept, versions bumped, caches purged", async () => {
    const deps = writeDeps();
    const inputs = keyFirst(24);
    const category = inputs[0]?.category ?? "";
    const { results } = await upsertQuestions(deps, inputs);
    await deps.settle();
    const ids = results.map((r) => r.id);
    const before = await api(`/api/questions/${ids[0]}`); // cached now
    expect(((await before.json()) as PublicQuestion).choices[0]?.text).toBe("alpha 0");

    await expectProblem(
      await adminFetch("/api/admin/questions/reletter", { method: "POST", body: {}, token: VIEWER_TOKEN }),
      403,
    );
    const pages: ReletterResult[] = [];
    let after: string | undefined;
    do {
      const res = await adminFetch("/api/admin/questions/reletter", {
        method: "POST",
        body: { category, limit: 10, after },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as ReletterResult;
      pages.push(page);
      after = page.next ?? undefined;
    } while (after);
    expect(pages.reduce((n, p) => n + p.examined, 0)).toBe(24);
    const updated = pages.flatMap((p) => p.updated);
    // About three in four move their key off "a"; none may keep the author's order by design.
    expect(updated.length).toBeGreaterThan(12);

    const origin = await readOriginQuestions(deps.origin, ids, { activeOnly: false });
    const edge = await readD1Questions(env.DB, ids);
    const positions = new Set<string>();
    for (const [i, id] of ids.entries()) {
      const q = origin.get(id);
      if (q?.answer.kind !== "choices") throw new Error(`no question ${id}`);
      const key = q.answer.correct[0];
      expect(q.choices.find((c) => c.id === key)?.text).toBe(`alpha ${i}`);
      expect(q.choices.map((c) => c.id)).toEqual(["a", "b", "c", "d"]);
      expect(q.version).toBe(updated.includes(id) ? 2 : 1);
      expect(edge.get(id)?.choices).toEqual(q.choices);
      positions.add(key ?? "");
    }
    expect(positions.size).toBeGreaterThan(2);
    // The purge reached the cached copy.
    const moved = updated[0] as string;
    const served = (await (await api(`/api/questions/${moved}`)).json()) as PublicQuestion;
    expect(served.choices).toEqual(origin.get(moved)?.choices);

    const again = await adminFetch("/api/admin/questions/reletter", { method: "POST", body: { category, limit: 100 } });
    expect(((await again.json()) as ReletterResult).updated).toEqual([]);
  });

  it("refuses a malformed body", async () => {
    await expectProblem(await adminFetch("/api/admin/questions/reletter", { method: "POST", body: { limit: 0 } }), 422);
  });
});
