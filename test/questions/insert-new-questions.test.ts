import { describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { QuestionWrite } from "../../schemas/question-write.ts";
import { contentHash, questionIdFor } from "../../src/questions/content-hash.ts";
import { readOriginQuestions } from "../../src/questions/origin-store.ts";
import { insertNewQuestions } from "../../src/questions/upsert-questions.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";

/** Stored-question rows as the import path builds them. */
async function rows(count: number): Promise<Question[]> {
  const now = new Date().toISOString();
  return Promise.all(
    testQuestions(count).map(async (input) => {
      const q = QuestionWrite.parse(input);
      return {
        ...q,
        id: await questionIdFor(q),
        explanation: q.explanation ?? null,
        language: "en",
        mediaKeys: [],
        explanationMediaKeys: [],
        contentHash: await contentHash(q),
        status: "review" as const,
        calibratedDifficulty: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}

describe("insertNewQuestions (the import path's origin write)", () => {
  it("inserts new questions and returns them; stored ones are left as they are", async () => {
    const { origin } = writeDeps();
    const [first, second] = await rows(2);
    if (!first || !second) throw new Error("two rows expected");
    expect(await insertNewQuestions(origin.db, [first])).toEqual([{ id: first.id, contentHash: first.contentHash }]);
    const again = await insertNewQuestions(origin.db, [{ ...first, status: "active", text: "Changed?" }, second]);
    expect(again).toEqual([{ id: second.id, contentHash: second.contentHash }]);
    const stored = await readOriginQuestions(origin, [first.id, second.id], { activeOnly: false });
    expect(stored.get(first.id)).toMatchObject({ status: "review", text: first.text, version: 1 });
    expect(stored.get(second.id)?.text).toBe(second.text);
  });

  it("commits with the caller's transaction, and not at all when it rolls back", async () => {
    const { origin } = writeDeps();
    const [row] = await rows(1);
    if (!row) throw new Error("a row expected");
    await expect(
      origin.db.transaction(async (tx) => {
        expect(await insertNewQuestions(tx, [row])).toHaveLength(1);
        throw new Error("the validation records failed");
      }),
    ).rejects.toThrow("the validation records failed");
    expect((await readOriginQuestions(origin, [row.id], { activeOnly: false })).size).toBe(0);
    expect(await insertNewQuestions(origin.db, [])).toEqual([]);
  });
});
