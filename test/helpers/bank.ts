import { env } from "cloudflare:test";
import type { Question } from "../../schemas/question.ts";
import { d1QuestionStore } from "../../src/questions/d1-store.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";

/** The bank the global setup seeded into the origin. */
export const bank: Question[] = await buildQuestionBank();

/** Copies questions into this test file's D1 (storage is isolated per file). */
export async function seedD1(questions: Question[] = bank): Promise<void> {
  const store = d1QuestionStore(env.DB);
  for (let i = 0; i < questions.length; i += 100) await store.upsert(questions.slice(i, i + 100));
}

const FORBIDDEN =
  /^(answer|answers|answer_?key|correct|correct_?answers?|correctAnswers?|is_?correct|isCorrect|accepted|solution|explanation|contentHash|content_hash)$/i;

/** Every key path in a learner payload that could give an answer away. */
export function answerLeaks(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => answerLeaks(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(FORBIDDEN.test(k) ? [`${path}.${k}`] : []),
      ...answerLeaks(v, `${path}.${k}`),
    ]);
  }
  return [];
}
