import { describe, expect, it } from "vitest";
import { HEALTH_POLICY } from "../../src/analytics/health-policy.ts";
import { assessQuestion, type QuestionAnswerStats } from "../../src/analytics/question-health.ts";

function stats(overrides: Partial<QuestionAnswerStats>): QuestionAnswerStats {
  return {
    answers: 100,
    pValue: 0.6,
    discrimination: 0.35,
    strongPicks: { a: 25, b: 5, c: 3 },
    keyChoices: ["a"],
    ...overrides,
  };
}

describe("question health flags", () => {
  it("flags nothing on a healthy question", () => {
    expect(assessQuestion(stats({}))).toEqual([]);
  });

  it("flags nothing before enough answers, whatever the figures", () => {
    const bad = stats({
      answers: HEALTH_POLICY.minAnswers - 1,
      pValue: 0,
      discrimination: -0.5,
      strongPicks: { b: 20 },
    });
    expect(assessQuestion(bad)).toEqual([]);
  });

  it("flags negative discrimination, p near 0 and p near 1", () => {
    expect(assessQuestion(stats({ discrimination: -0.2 })).map((f) => f.reason)).toEqual(["negative_discrimination"]);
    expect(assessQuestion(stats({ pValue: 0.02 })).map((f) => f.reason)).toEqual(["p_near_0"]);
    expect(assessQuestion(stats({ pValue: 0.97 })).map((f) => f.reason)).toEqual(["p_near_1"]);
    expect(assessQuestion(stats({ discrimination: null, pValue: 1 })).map((f) => f.reason)).toEqual(["p_near_1"]);
  });

  it("flags a distractor strong learners pick more often than the key, naming both", () => {
    const [flag] = assessQuestion(stats({ strongPicks: { a: 4, b: 22, c: 1 } }));
    expect(flag?.reason).toBe("likely_wrong_key");
    expect(flag?.detail).toContain("'b' (22×)");
    expect(flag?.detail).toContain("key 'a' (4×)");
  });

  it("compares against the most picked key choice, and only with enough strong answers", () => {
    const multi = stats({ keyChoices: ["a", "c"], strongPicks: { a: 3, b: 6, c: 9 } });
    expect(assessQuestion(multi)).toEqual([]);
    expect(assessQuestion(stats({ strongPicks: { a: 1, b: 5 } }))).toEqual([]);
    expect(assessQuestion(stats({ keyChoices: null, strongPicks: {} }))).toEqual([]);
  });
});
