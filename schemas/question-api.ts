import { z } from "@hono/zod-openapi";
import { BloomLevel, PublicQuestion, QuestionId } from "./question.ts";

/** The filters every learner listing takes (query string). */
export const QuestionFilters = z.object({
  category: z.string().trim().min(1).max(100).optional().openapi({ example: "geography" }),
  difficulty: z.coerce.number().int().min(1).max(5).optional().openapi({ example: 2 }),
  bloom_level: BloomLevel.optional(),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, "an ISO 639-1 code such as 'en' or 'mn'")
    .optional()
    .openapi({ example: "mn", description: "ISO 639-1 code of the question's language" }),
});
export type QuestionFilters = z.infer<typeof QuestionFilters>;

export const MAX_BATCH_IDS = 100;

export const BatchRequest = z
  .object({
    ids: z
      .array(QuestionId)
      .min(1)
      .max(MAX_BATCH_IDS)
      .openapi({ description: `1 to ${MAX_BATCH_IDS} ids; more is a 400.` }),
  })
  .openapi("QuestionBatchRequest");

export const BatchResponse = z
  .object({
    questions: z.array(PublicQuestion).openapi({ description: "Found questions, in request order, each once." }),
    notFound: z.array(z.string()).openapi({ description: "Requested ids that name no active question." }),
    unavailable: z
      .array(z.string())
      .openapi({ description: "Ids not cached at the edge while the origin is unreachable; retry them later." }),
  })
  .openapi("QuestionBatch");

export const ListQuery = QuestionFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "`nextCursor` of the previous page; absent for the first page." }),
});

export const QuestionPage = z
  .object({
    questions: z.array(PublicQuestion),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null at the end." }),
  })
  .openapi("QuestionPage");
export type QuestionPage = z.infer<typeof QuestionPage>;

export const SearchQuery = QuestionFilters.extend({
  q: z.string().trim().min(1).max(200).openapi({ example: "capital france" }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchResults = z
  .object({ questions: z.array(PublicQuestion).openapi({ description: "Best match first." }) })
  .openapi("QuestionSearchResults");
export type SearchResults = z.infer<typeof SearchResults>;

export const SimilarQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

export const SimilarQuestions = z
  .object({ questions: z.array(PublicQuestion).openapi({ description: "Most similar first." }) })
  .openapi("SimilarQuestions");
