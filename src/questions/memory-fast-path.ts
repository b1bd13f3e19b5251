import { recentCacheGeneration } from "../cache/generation.ts";
import { count } from "../cache/stats.ts";
import { loadSettings } from "../config/read-config.ts";
import { problemResponse } from "../http/problem.ts";
import { learnerAllowed, rateLimitedError, rateLimitKey } from "../http/rate-limit.ts";
import { requestIdFor } from "../http/request-id.ts";
import { etagMatches, publicView } from "./public-view.ts";
import { questionCache } from "./question-cache.ts";
import { randomQuestionFromMemory } from "./random-question.ts";
import { cacheHeaderValues, QUESTION_CACHE_CONTROL } from "./routes/common.ts";

const QUESTION_PATH = /^\/api\/questions\/([A-Za-z0-9_-]{1,64})$/;
const RANDOM_PATH = "/api/questions/random";

/** The path of an absolute URL without parsing all of it (the router does the same). */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("://") + 3);
  if (start === -1) return "/";
  const end = url.search(/[?#]/);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/**
 * `GET /api/questions/:id` for a question fresh in isolate memory, and `GET
 * /api/questions/random` without filters when the pool and the pick are, answered before the
 * router and its middleware chain: the most frequent requests, where that chain cost as much
 * as the rest of the request together. It keeps every rule of the routed path (request id,
 * maintenance mode, rate limit, ETag/304 for an id, the same headers and body) and answers
 * null, to be routed as usual, whenever anything else is involved: a token to verify, a query,
 * maintenance, a purge not yet applied, a miss, a stale or negative entry.
 */
export async function serveQuestionFromMemory(request: Request, env: Env): Promise<Response | null> {
  if (request.method !== "GET" || request.headers.has("authorization")) return null;
  const pathname = pathOf(request.url);
  const random = pathname === RANDOM_PATH;
  const id = random ? undefined : QUESTION_PATH.exec(pathname)?.[1];
  if ((random ? request.url.includes("?") : !id) || !recentCacheGeneration()) return null;
  const startedAt = performance.now();
  const hit = id ? questionCache.peek(id, { count: false }) : randomQuestionFromMemory();
  if (!hit?.value) return null;
  const { settings } = await loadSettings(env.CONFIG_KV);
  if (settings["features.maintenance_mode"]) return null;

  const requestId = requestIdFor(request.headers.get("x-request-id"));
  if (!(await learnerAllowed(env, rateLimitKey(null, request.headers.get("cf-connecting-ip") ?? undefined)))) {
    return problemResponse(rateLimitedError(), requestId, pathname);
  }
  count.hit("MEMORY");
  // The routed pick counts the pool's memory hit as well as the question's.
  if (random) count.hit("MEMORY");
  const view = await publicView(hit.value);
  const headers = new Headers({
    ...cacheHeaderValues({
      ...hit,
      timings: {},
      startedAt,
      cacheControl: random ? "no-store" : QUESTION_CACHE_CONTROL,
    }),
    "x-request-id": requestId,
  });
  if (!random) {
    headers.set("etag", view.etag);
    if (etagMatches(request.headers.get("if-none-match") ?? undefined, view.etag)) {
      return new Response(null, { status: 304, headers });
    }
  }
  headers.set("content-type", "application/json");
  return new Response(view.body, { status: 200, headers });
}
