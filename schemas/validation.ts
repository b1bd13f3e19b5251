import { z } from "@hono/zod-openapi";
import { BloomLevel, Difficulty } from "./question.ts";

/**
 * What a validator concludes about one question. It is also the structured output asked of
 * the model, so every field is required and bounded: a reply that breaks it is a failure.
 */
export const ValidationVerdict = z
  .object({
    bloomLevel: BloomLevel.describe("Bloom level the question exercises"),
    qualityScore: z.number().min(0).max(1).describe("0 (unusable) to 1 (excellent)"),
    answerKeyCorrect: z.boolean().describe("whether the marked answer is right"),
    issues: z.array(z.string().min(1).max(500)).max(20).describe("problems found; empty when none"),
    suggestedDifficulty: Difficulty.describe("1 (easiest) to 5 (hardest)"),
  })
  .openapi("ValidationVerdict");
export type ValidationVerdict = z.infer<typeof ValidationVerdict>;

/** `analytics`: flagged from learner data by the answer stream (src/analytics/), not validated on import. */
export const VALIDATORS = ["openai", "offline", "analytics"] as const;
export type Validator = (typeof VALIDATORS)[number];

export const DECISIONS = ["accepted", "review", "rejected"] as const;
export const Decision = z.enum(DECISIONS);
export type Decision = z.infer<typeof Decision>;

/** How a question was judged and what became of it; shown to admins beside the answer key. */
export const ValidationRecord = z
  .object({
    validator: z.enum(VALIDATORS),
    model: z.string().nullable(),
    promptVersion: z.string(),
    verdict: ValidationVerdict,
    decision: Decision,
    /** Why it was not accepted outright (validator issues, low score, near duplicate...). */
    reasons: z.array(z.string()),
    nearDuplicateOf: z.string().nullable(),
    /** How validation went: model failures and fallbacks, the budget running out. */
    notes: z.array(z.string()),
    tokens: z.number().int().min(0),
    runId: z.string().nullable(),
    sourceId: z.string().nullable(),
    validatedAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
  })
  .openapi("ValidationRecord");
export type ValidationRecord = z.infer<typeof ValidationRecord>;
