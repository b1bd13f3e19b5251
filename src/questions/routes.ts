import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PublicQuestion, type Question, toPublicQuestion } from "../../schemas/question.ts";
import {
  BATCH_LIMIT,
  BatchRequest,
  BatchResponse,
  IdParam,
  ListQuery,
  QuestionFiltersQuery,
  QuestionList,
  QuestionPage,
  SearchQuery,
  SimilarQuery,
} from "../../schemas/question-api.ts";
import type { AppEnv } from "../http/app-env.ts";
import { AppError, fieldIssues, problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { QUESTION_CACHE_CONTROL, setCacheHeaders, slowestTier } from "./cache-headers.ts";
import type { QuestionFilters } from "./d1-store.ts";
import { ftsQuery } from "./fts-query.ts";
import { edgeView, filterKey, getQuestions, type ReadDeps, similarIds } from "./read-service.ts";

const TAGS = ["Questions"];
const errors = {
  400: problemContent("Invalid parameters"),
  401: problemContent("Invalid learner token"),
  429: problemContent("Rate limited"),
  503: problemContent("Not cached and the origin is unreachable; retry later"),
};

function deps(c: Context<AppEnv>): ReadDeps {
  return { env: c.env, origin: c.var.origin, waitUntil: (p) => c.executionCtx.waitUntil(p) };
}

function filtersOf(q: z.infer<typeof QuestionFiltersQuery>): QuestionFilters {
  return { category: q.category, difficulty: q.difficulty, bloomLevel: q.bloom_level };
}

function etagOf(q: Question): string {
  return `"${q.id}.${q.version}.${Date.parse(q.updatedAt).toString(36)}"`;
}

function notModified(c: Context<AppEnv>, etag: string): boolean {
  const header = c.req.header("if-none-match");
  return header?.split(",").some((t) => t.trim() === etag || t.trim() === "*") ?? false;
}

/** Looks questions up by id and keeps the order of `ids`. */
async function questionsInOrder(c: Context<AppEnv>, ids: string[]) {
  const result = await getQuestions(ids, deps(c));
  const questions = ids.flatMap((id) => {
    const q = result.entries.get(id)?.value;
    return q ? [q] : [];
  });
  const tier = slowestTier([...result.entries.values()].map((e) => e.tier));
  return { questions, result, tier };
}

const questionResponse = {
  description: "The question, without its answer key",
  content: { "application/json": { schema: PublicQuestion } },
  headers: z.object({
    "x-cache": z.enum(["MEMORY", "KV", "D1", "ORIGIN"]),
    etag: z.string(),
    "server-timing": z.string(),
  }),
};

const random = createRoute({
  method: "get",
  path: "/api/questions/random",
  tags: TAGS,
  summary: "A random question matching the filters",
  request: { query: QuestionFiltersQuery },
  responses: { 200: questionResponse, 404: problemContent("Nothing matches the filters"), ...errors },
});

const search = createRoute({
  method: "get",
  path: "/api/questions/search",
  tags: TAGS,
  summary: "Full-text search at the edge (D1 FTS5)",
  request: { query: SearchQuery },
  responses: {
    200: { description: "Best matches first", content: { "application/json": { schema: QuestionList } } },
    ...errors,
  },
});

const list = createRoute({
  method: "get",
  path: "/api/questions",
  tags: TAGS,
  summary: "Questions matching the filters, by keyset pagination",
  request: { query: ListQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: QuestionPage } } }, ...errors },
});

const batch = createRoute({
  method: "post",
  path: "/api/questions/batch",
  tags: TAGS,
  summary: `Up to ${BATCH_LIMIT} questions by id`,
  request: { body: { required: true, content: { "application/json": { schema: BatchRequest } } } },
  responses: {
    200: {
      description: "Found questions in request order",
      content: { "application/json": { schema: BatchResponse } },
    },
    422: problemContent("Ids are not valid"),
    ...errors,
  },
});

const byId = createRoute({
  method: "get",
  path: "/api/questions/{id}",
  tags: TAGS,
  summary: "A question by id",
  request: { params: IdParam },
  responses: {
    200: questionResponse,
    304: { description: "Not modified" },
    404: problemContent("Unknown id"),
    ...errors,
  },
});

const similar = createRoute({
  method: "get",
  path: "/api/questions/{id}/similar",
  tags: TAGS,
  summary: "Lexically similar questions, computed on the origin and cached at the edge",
  request: { params: IdParam, query: SimilarQuery },
  responses: {
    200: { description: "Most similar first", content: { "application/json": { schema: QuestionList } } },
    404: problemContent("Unknown id"),
    ...errors,
  },
});

export const questionRoutes = createRouter()
  .openapi(random, async (c) => {
    const filters = filtersOf(c.req.valid("query"));
    const pool = await edgeView(`pool:${filterKey(filters)}`, deps(c), (store) => store.idsMatching(filters));
    if (pool.ids.length > 0) {
      // The pool can lag a purge by a minute; retry a few picks before giving up.
      for (let attempt = 0; attempt < 3; attempt++) {
        const id = pool.ids[Math.floor(Math.random() * pool.ids.length)] as string;
        const { questions, result, tier } = await questionsInOrder(c, [id]);
        const question = questions[0];
        if (!question) continue;
        setCacheHeaders(c, tier, { ...pool.timings, ...result.timings });
        c.header("cache-control", "no-store");
        return c.json(toPublicQuestion(question), 200);
      }
    }
    throw new AppError("not_found", "no question matches these filters");
  })
  .openapi(search, async (c) => {
    const query = c.req.valid("query");
    const match = ftsQuery(query.q);
    if (!match) throw new AppError("bad_request", "the search needs at least one word");
    const filters = filtersOf(query);
    const hits = await edgeView(`search:${filterKey(filters)}:${query.limit}:${match}`, deps(c), (store) =>
      store.search(match, filters, query.limit).then((qs) => qs.map((q) => q.id)),
    );
    const { questions, result } = await questionsInOrder(c, hits.ids);
    setCacheHeaders(c, hits.tier, { ...hits.timings, ...result.timings });
    c.header("cache-control", "public, max-age=60");
    return c.json({ questions: questions.map(toPublicQuestion) }, 200);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    const filters = filtersOf(query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await edgeView(`page:${filterKey(filters)}:${query.limit}:${after ?? ""}`, deps(c), (store) =>
      store.page(filters, query.limit + 1, after).then((qs) => qs.map((q) => q.id)),
    );
    const pageIds = page.ids.slice(0, query.limit);
    const { questions, result } = await questionsInOrder(c, pageIds);
    const last = pageIds.at(-1);
    setCacheHeaders(c, page.tier, { ...page.timings, ...result.timings });
    c.header("cache-control", "public, max-age=60");
    return c.json(
      {
        questions: questions.map(toPublicQuestion),
        nextCursor: page.ids.length > query.limit && last ? encodeCursor(last) : null,
      },
      200,
    );
  })
  .openapi(
    batch,
    async (c) => {
      const { ids } = c.req.valid("json");
      const { questions, result, tier } = await questionsInOrder(c, ids);
      const found = new Set(questions.map((q) => q.id));
      setCacheHeaders(c, tier, result.timings);
      c.header("cache-control", "private, max-age=60");
      return c.json({ questions: questions.map(toPublicQuestion), notFound: ids.filter((id) => !found.has(id)) }, 200);
    },
    (result) => {
      if (result.success) return undefined;
      // Too many ids is a request the client must split (400); malformed ids are 422.
      const tooMany = result.error.issues.some((i) => i.code === "too_big" && i.path[0] === "ids");
      throw new AppError(
        tooMany ? "bad_request" : "unprocessable",
        tooMany ? `at most ${BATCH_LIMIT} ids per batch` : "the request json is not valid",
        {
          errors: fieldIssues(result.error),
        },
      );
    },
  )
  .openapi(byId, async (c) => {
    const { id } = c.req.valid("param");
    const { questions, result, tier } = await questionsInOrder(c, [id]);
    setCacheHeaders(c, tier, result.timings);
    const question = questions[0];
    if (!question) throw new AppError("not_found", `no question ${id}`);
    const etag = etagOf(question);
    c.header("etag", etag);
    c.header("cache-control", QUESTION_CACHE_CONTROL);
    if (notModified(c, etag)) return c.body(null, 304);
    return c.json(toPublicQuestion(question), 200);
  })
  .openapi(similar, async (c) => {
    const { id } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const hits = await similarIds(id, limit, deps(c));
    if (hits.ids === null) throw new AppError("not_found", `no question ${id}`);
    const { questions, result } = await questionsInOrder(c, hits.ids);
    setCacheHeaders(c, hits.tier, { ...hits.timings, ...result.timings });
    c.header("cache-control", "public, max-age=3600");
    return c.json({ questions: questions.map(toPublicQuestion) }, 200);
  });

function encodeCursor(lastId: string): string {
  return btoa(lastId).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function decodeCursor(cursor: string): string {
  try {
    return atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    throw new AppError("bad_request", "the cursor is not valid");
  }
}
