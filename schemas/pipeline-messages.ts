import { z } from "zod";
import { Difficulty, Question } from "./question.ts";
import { ScraperSource } from "./scraper-source.ts";

/** Scrape one source for a run; the source is the configuration as it was when the run started. */
export const ScrapeMessage = z.object({
  kind: z.literal("scrape"),
  runId: z.string().min(1),
  source: ScraperSource,
});
export type ScrapeMessage = z.infer<typeof ScrapeMessage>;

/**
 * A parsed, normalized question on its way to validation and the store: the stored question's
 * fields, without what only storing gives it (status, version, times, Bloom level), plus what
 * the pipeline knows about where it came from and what it resembles.
 */
export const Candidate = Question.pick({
  id: true,
  type: true,
  text: true,
  choices: true,
  answer: true,
  explanation: true,
  category: true,
  tags: true,
  language: true,
  mediaKeys: true,
  contentHash: true,
}).extend({
  /** Where it came from in the source (record index, title), for error reports. */
  record: z.string().max(200),
  /** The source's own difficulty when it states one; otherwise the validator suggests one. */
  difficulty: Difficulty.nullable(),
  /** Media of the explanation and feedback: stored with the question, never public. */
  explanationMediaKeys: Question.shape.explanationMediaKeys.default([]),
  /** Near-duplicate signature (MinHash) of the normalized wording, hex. */
  simhash: z.string().regex(/^[0-9a-f]{1,256}$/),
  /** Id of a stored question this one nearly duplicates: it goes to review whatever the verdict. */
  nearDuplicateOf: z.string().nullable(),
});
export type Candidate = z.infer<typeof Candidate>;

/** What the validators (offline and model) read of a candidate. */
export type ValidatableQuestion = Pick<
  Candidate,
  "type" | "text" | "choices" | "answer" | "explanation" | "difficulty"
>;

/** A batch of candidates from one source; `batch` numbers it within the source's scrape. */
export const ValidateMessage = z.object({
  kind: z.literal("validate"),
  runId: z.string().min(1),
  sourceId: z.string().min(1),
  batch: z.number().int().min(0),
  candidates: z.array(Candidate).min(1),
});
export type ValidateMessage = z.infer<typeof ValidateMessage>;

export const PipelineMessage = z.discriminatedUnion("kind", [ScrapeMessage, ValidateMessage]);
export type PipelineMessage = z.infer<typeof PipelineMessage>;

/**
 * A message a consumer could not even read (bad body), sent straight to the dead-letter
 * queue rather than retried: no retry can fix it.
 */
export const PoisonMessage = z.object({
  kind: z.literal("poison"),
  queue: z.string(),
  reason: z.string(),
  body: z.unknown(),
});
export type PoisonMessage = z.infer<typeof PoisonMessage>;

export const DeadLetterBody = z.discriminatedUnion("kind", [ScrapeMessage, ValidateMessage, PoisonMessage]);
