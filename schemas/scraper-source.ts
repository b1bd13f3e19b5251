import { z } from "@hono/zod-openapi";

export const SOURCE_FORMATS = ["opentdb", "gift", "aiken", "moodle-xml", "csv", "json", "html"] as const;

const FieldMapping = z.object({
  question: z.string().min(1),
  correct: z.string().min(1),
  incorrect: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  category: z.string().min(1).optional(),
  difficulty: z.string().min(1).optional(),
  explanation: z.string().min(1).optional(),
});

const base = {
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, '_' and '-'"),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .describe("http(s) only; private addresses need SCRAPER_ALLOWED_PRIVATE_HOSTS"),
  enabled: z.boolean().default(true),
  /** Category for questions whose source names none. */
  category: z.string().min(1).max(100).optional(),
  /** ISO 639-1 code of the questions; detected from each question's text when absent (never assumed). */
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, "an ISO 639-1 code such as 'en' or 'mn'")
    .optional(),
  /** Records the source may hold; a document with more fails as a whole (src/pipeline/parsers/limits.ts). */
  maxRecords: z.number().int().min(1).max(100_000).optional(),
};

/** One scraper source; the options are those of its format. */
export const ScraperSource = z.discriminatedUnion("format", [
  z.object({
    ...base,
    format: z.literal("opentdb"),
    encoding: z.enum(["default", "url3986", "base64"]).default("default"),
  }),
  z.object({ ...base, format: z.literal("gift") }),
  z.object({ ...base, format: z.literal("aiken") }),
  z.object({ ...base, format: z.literal("moodle-xml") }),
  z.object({ ...base, format: z.literal("csv"), columns: FieldMapping, delimiter: z.string().length(1).default(",") }),
  z.object({
    ...base,
    format: z.literal("json"),
    /** Dot path to the array of records; the document itself when absent. */
    path: z.string().min(1).optional(),
    fields: FieldMapping,
  }),
  z.object({
    ...base,
    format: z.literal("html"),
    selectors: z.object({
      item: z.string().min(1),
      question: z.string().min(1),
      correct: z.string().min(1),
      incorrect: z.string().min(1),
      category: z.string().min(1).optional(),
    }),
  }),
]);
export type ScraperSource = z.infer<typeof ScraperSource>;

export const ScraperSources = z
  .array(ScraperSource)
  .max(100)
  .superRefine((sources, ctx) => {
    const seen = new Set<string>();
    for (const [i, s] of sources.entries()) {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate source id '${s.id}'` });
      seen.add(s.id);
    }
  });
