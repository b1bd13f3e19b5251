import { describe, expect, it } from "vitest";
import type { Question } from "../../../schemas/question.ts";
import { normalizeQuestion } from "../../../src/pipeline/normalize/normalize-question.ts";
import type { ParsedQuestion } from "../../../src/pipeline/parsers/types.ts";
import { gradeAnswer } from "../../../src/sessions/grading/grade-answer.ts";
import { need, parse } from "../../helpers/parse-source.ts";
import { answerTo } from "../../helpers/sessions.ts";
import { sharedFixtures, sourceFor } from "../../helpers/shared-fixtures.ts";

const fixtures = sharedFixtures();
if (!fixtures) console.info("fixtures-grading: ../shared/fixtures is absent; skipping grading of real files");

/** An imported question as the bank would hold it (normalised as the pipeline does). */
function asQuestion(parsed: ParsedQuestion, i: number): Question | null {
  const normalized = normalizeQuestion(parsed);
  if (!normalized.ok) return null;
  const q = normalized.question;
  return {
    id: `q_fixture_${i}`,
    type: q.type,
    text: q.text,
    choices: q.choices,
    answer: q.answer,
    explanation: q.explanation,
    category: q.category ?? "general",
    tags: q.tags,
    difficulty: q.difficulty ?? 3,
    bloomLevel: "remember",
    language: "en",
    mediaKeys: [],
    explanationMediaKeys: [],
    source: "fixture",
    contentHash: "0".repeat(64),
    status: "active",
    calibratedDifficulty: null,
    version: 1,
    createdAt: "",
    updatedAt: "",
  };
}

async function imported(path: string): Promise<Question[]> {
  const result = await parse(sourceFor(path), need(fixtures?.get(path)));
  return result.questions.flatMap((q, i) => asQuestion(q, i) ?? []);
}

describe.skipIf(!fixtures)("grading the real fixtures", () => {
  it("every imported question grades its own key right and another answer wrong", async () => {
    const types = new Set<string>();
    let graded = 0;
    for (const path of [...(fixtures?.keys() ?? [])].filter((p) => !p.endsWith(".md"))) {
      for (const q of await imported(path)) {
        types.add(q.type);
        expect(gradeAnswer(q, answerTo(q, true)), `${path} ${q.text.slice(0, 60)}`).toEqual({
          correct: true,
          score: 1,
        });
        const allCorrect = q.answer.kind === "choices" && q.answer.correct.length === q.choices.length;
        if (!allCorrect)
          expect(gradeAnswer(q, answerTo(q, false)).correct, `${path} ${q.text.slice(0, 60)}`).toBe(false);
        graded += 1;
      }
    }
    expect(graded).toBeGreaterThan(5000);
    expect(types).toEqual(new Set(["single_choice", "multiple_choice", "true_false", "short_answer", "numeric"]));
  });

  it("short answers take each alternative in any case, spacing or accents", async () => {
    const shortAnswers = (await imported("gift/moodle__moodle__examples.txt")).filter((q) => q.type === "short_answer");
    expect(shortAnswers.length).toBeGreaterThan(0);
    for (const q of shortAnswers) {
      if (q.answer.kind !== "text") continue;
      for (const accepted of q.answer.accepted) {
        const variant = `  ${accepted.toUpperCase().normalize("NFD")}  `;
        expect(gradeAnswer(q, { text: variant }).correct, accepted).toBe(!q.answer.caseSensitive);
        expect(gradeAnswer(q, { text: accepted }).correct).toBe(true);
      }
    }
  });

  it("numeric answers honour the file's tolerance and ranges", async () => {
    const numeric = (await imported("gift/moodle__moodle__examples.txt")).filter((q) => q.answer.kind === "numeric");
    expect(numeric.length).toBeGreaterThan(0);
    for (const q of numeric) {
      if (q.answer.kind !== "numeric") continue;
      const { value, tolerance } = q.answer;
      expect(gradeAnswer(q, { value: value + tolerance }).correct).toBe(true);
      expect(gradeAnswer(q, { value: value - tolerance }).correct).toBe(true);
      expect(gradeAnswer(q, { value: value + tolerance + Math.max(1e-3, Math.abs(value) * 1e-3) }).correct).toBe(false);
    }
  });

  it("multiple-choice files give partial credit for part of the key", async () => {
    const multi = [];
    for (const path of fixtures?.keys() ?? []) {
      if (path.endsWith(".md")) continue;
      multi.push(...(await imported(path)).filter((q) => q.type === "multiple_choice"));
    }
    const partial = multi.find((q) => q.answer.kind === "choices" && q.answer.correct.length >= 2);
    const key = need(partial?.answer.kind === "choices" ? partial.answer.correct : null);
    const grade = gradeAnswer(need(partial), { choices: [need(key[0])] });
    expect(grade.correct).toBe(false);
    expect(grade.score).toBeCloseTo(1 / key.length, 6);
  });
});
