import { z } from "zod";
import { ValidationVerdict } from "../../schemas/validation.ts";
import type { ValidatableQuestion } from "../pipeline/validate/offline-validator.ts";

/** Part of every cache key: changing the prompt or schema must not reuse old verdicts. */
export const PROMPT_VERSION = "2026-11-v1";

const SYSTEM = `You review quiz questions before learners see them.
For the question given as JSON, decide:
- bloomLevel: the level of Bloom's revised taxonomy the question exercises (remember, understand, apply, analyze, evaluate, create);
- qualityScore: 0 to 1, how clear, unambiguous, self-contained and well written the question is;
- answerKeyCorrect: whether the answer marked correct is in fact right and no other choice is also right;
- issues: short descriptions of every problem found (factual errors, ambiguity, typos, giveaway wording), empty when none;
- suggestedDifficulty: 1 (easiest) to 5 (hardest) for a general adult audience.
Reply with one JSON object only, following the schema.`;

/** The JSON schema of the verdict, derived from the zod schema that checks the reply. */
function verdictJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(ValidationVerdict, { target: "draft-7" }) as Record<
    string,
    unknown
  >;
  return schema;
}

export const VERDICT_RESPONSE_FORMAT = {
  type: "json_schema",
  json_schema: { name: "question_verdict", strict: true, schema: verdictJsonSchema() },
} as const;

/** What the model sees of a question: everything, key included, but none of our bookkeeping. */
export function validationMessages(q: ValidatableQuestion & { category?: string }) {
  const question = {
    type: q.type,
    category: q.category,
    text: q.text,
    choices: q.choices,
    answerKey: q.answer,
    explanation: q.explanation,
  };
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: JSON.stringify(question) },
  ] as const;
}
