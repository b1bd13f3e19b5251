import { describe, expect, it } from "vitest";
import { Candidate } from "../../schemas/pipeline-messages.ts";
import { Question } from "../../schemas/question.ts";
import { candidate } from "../helpers/candidates.ts";

/** Fields a candidate has that a stored question does not, or holds differently. */
const PIPELINE_ONLY = ["record", "difficulty", "explanationMediaKeys", "simhash", "nearDuplicateOf"];

describe("the validate message's candidate", () => {
  it("takes every field it shares with a stored question from the Question schema itself", () => {
    const shared = Object.keys(Candidate.shape).filter((key) => !PIPELINE_ONLY.includes(key));
    expect(shared.length).toBeGreaterThan(5);
    for (const key of shared) {
      expect(key in Question.shape, key).toBe(true);
      // The same schema object, not a copy: a rule changed in Question changes here too.
      expect(Candidate.shape[key as keyof typeof Candidate.shape], key).toBe(
        Question.shape[key as keyof typeof Question.shape],
      );
    }
  });

  it("holds what only the pipeline knows, and refuses what a stored question may not hold", async () => {
    const c = await candidate({ text: "Which colour is the sky on a clear day?" });
    const { explanationMediaKeys: _, ...withoutExplanationMedia } = c;
    expect(Candidate.parse(withoutExplanationMedia).explanationMediaKeys).toEqual([]);
    expect(Candidate.safeParse({ ...c, difficulty: null }).success).toBe(true);
    expect(Candidate.safeParse({ ...c, text: "x".repeat(10_001) }).success).toBe(false);
    expect(Candidate.safeParse({ ...c, id: "no spaces allowed" }).success).toBe(false);
  });
});
