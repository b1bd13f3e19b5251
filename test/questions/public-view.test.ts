import { describe, expect, it } from "vitest";
import { toPublicQuestion } from "../../schemas/question.ts";
import { questionBank } from "../helpers/bank.ts";

describe("toPublicQuestion", () => {
  it("drops tags that spell an accepted short answer, and keeps the others", async () => {
    const bank = await questionBank();
    const leaking = bank.filter(
      (q) => q.answer.kind === "text" && q.tags.some((t) => q.answer.kind === "text" && q.answer.accepted.includes(t)),
    );
    expect(leaking.length).toBeGreaterThan(0);
    for (const q of leaking) {
      const shown = toPublicQuestion(q);
      const accepted = q.answer.kind === "text" ? q.answer.accepted.map((a) => a.toLowerCase()) : [];
      expect(shown.tags.some((t) => accepted.includes(t.toLowerCase()))).toBe(false);
      expect(shown.tags.length).toBeLessThan(q.tags.length);
    }
  });
});
