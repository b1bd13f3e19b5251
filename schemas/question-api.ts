import { z } from "@hono/zod-openapi";
import { BloomLevel, PublicQuestion, QuestionId } from "./question.ts";

export const QuestionFiltersQuery = z.object({
  category: z.string().min(1).max(100).optional().openapi({ example: "geography" }),
  difficulty: z.coerce.number().int().min(1).max(5).optional().openapi({ example: 2 }),
  bloom_level: BloomLevel.optional(),
});

export const ListQuery = QuestionFiltersQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .openapi({ description: "Opaque: the `nextCursor` of the previous page." }),
});

export const SearchQuery = QuestionFiltersQuery.extend({
  q: z.string().trim().min(1).max(200).openapi({ example: "capital" }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SimilarQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

export const IdParam = z.object({ id: QuestionId.openapi({ param: { name: "id", in: "path" } }) });

export const BATCH_LIMIT = 100;
export const BatchRequest = z
  .object({ ids: z.array(QuestionId).min(1).max(BATCH_LIMIT) })
  .openapi("QuestionBatchRequest");

export const QuestionPage = z
  .object({ questions: z.array(PublicQuestion), nextCursor: z.string().nullable() })
  .openapi("QuestionPage");

export const QuestionList = z.object({ questions: z.array(PublicQuestion) }).openapi("QuestionList");

export const BatchResponse = z
  .object({
    questions: z.array(PublicQuestion).openapi({ description: "Found questions, in the order requested." }),
    notFound: z.array(z.string()),
  })
  .openapi("QuestionBatch");
