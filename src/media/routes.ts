import { createRoute, z } from "@hono/zod-openapi";
import { QuestionId } from "../../schemas/question.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN, PUBLIC } from "../http/openapi-security.ts";
import { AppError, problemContent, unavailable } from "../http/problem.ts";
import { learnerRateLimit } from "../http/rate-limit.ts";
import { createRouter } from "../http/router.ts";
import { readOriginQuestions } from "../questions/origin-store.ts";
import { etagMatches } from "../questions/public-view.ts";
import { linkMedia } from "../questions/question-updates.ts";
import { parseByteRange } from "./byte-range.ts";
import { MEDIA_KEY, mediaMaxBytes, readUpload, storeMedia } from "./store-media.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
/** Served media never runs anything, even an SVG opened directly. */
const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const StoredMediaBody = z
  .object({
    key: z.string(),
    url: z.string(),
    contentType: z.string(),
    kind: z.enum(["image", "audio"]),
    size: z.number().int(),
    sha256: z.string(),
    created: z.boolean().openapi({ description: "false: the same bytes were already stored" }),
    linkedTo: z.array(z.string()).openapi({ description: "Questions the media was linked to by this request" }),
  })
  .openapi("StoredMedia");

const uploadRoute = createRoute({
  method: "put",
  operationId: "uploadMedia",
  path: "/api/admin/media",
  tags: ["Admin: media"],
  summary: "Upload media",
  description:
    "Stores an image (PNG, JPEG, WebP, GIF, static SVG) or audio file (MP3, Ogg, WAV) in R2 under the SHA-256 of its bytes, so the same file is stored once. The type is read from the bytes; the body is the raw file (any Content-Type). At most MEDIA_MAX_BYTES (10 MB by default). With question_id, the key is added to that question's mediaKeys. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  request: { query: z.object({ question_id: QuestionId.optional() }) },
  responses: {
    200: { description: "Already stored", content: { "application/json": { schema: StoredMediaBody } } },
    201: { description: "Stored", content: { "application/json": { schema: StoredMediaBody } } },
    401: problemContent("No or unknown admin token"),
    403: problemContent("The token's role is too low"),
    404: problemContent("question_id names no question"),
    413: problemContent("Larger than MEDIA_MAX_BYTES"),
    415: problemContent("Not an accepted image or audio type, or an SVG with active content"),
    503: problemContent("The origin is unreachable (needed to link a question)"),
  },
});

const getRoute = createRoute({
  method: "get",
  operationId: "getMedia",
  middleware: [learnerRateLimit] as const,
  security: PUBLIC,
  path: "/api/media/{key}",
  tags: ["Media"],
  summary: "Media file",
  description:
    "A stored file with its Content-Type and a strong ETag (its SHA-256); single byte ranges give 206 (416 when out of bounds). Immutable: cached for a year.",
  request: {
    params: z.object({
      key: z
        .string()
        .max(100)
        .openapi({ example: `${"0".repeat(64)}.png` }),
    }),
  },
  responses: {
    200: { description: "The file" },
    206: { description: "The requested byte range" },
    304: { description: "Unchanged (If-None-Match)" },
    404: problemContent("No such media"),
    416: problemContent("The range starts past the end"),
    429: problemContent("Rate limited"),
  },
});

export const mediaRoutes = createRouter()
  .openapi(uploadRoute, async (c) => {
    const { question_id: questionId } = c.req.valid("query");
    if (questionId) {
      let found: boolean;
      try {
        found = (await readOriginQuestions(c.var.origin(), [questionId], { activeOnly: false })).size > 0;
      } catch (error) {
        throw unavailable("the origin is unreachable, so the question cannot be linked; retry shortly", error);
      }
      if (!found) throw new AppError("not_found", `no question has the id '${questionId}'`);
    }
    const bytes = await readUpload(c.req.raw, mediaMaxBytes(c.env));
    const stored = await storeMedia(c.env.MEDIA, bytes);
    const linkedTo: string[] = [];
    if (questionId) {
      await linkMedia({ env: c.env, origin: c.var.origin(), ctx: c.executionCtx }, questionId, stored.key);
      linkedTo.push(questionId);
    }
    const body = { ...stored, url: `/api/media/${stored.key}`, linkedTo };
    c.header("location", body.url);
    return stored.created ? c.json(body, 201) : c.json(body, 200);
  })
  .openapi(getRoute, async (c) => {
    const { key } = c.req.valid("param");
    const missing = () => new AppError("not_found", `no media has the key '${key}'`);
    if (!MEDIA_KEY.test(key)) throw missing();
    const head = await c.env.MEDIA.head(key);
    if (!head) throw missing();
    const etag = `"${key.slice(0, 64)}"`;
    const headers = new Headers({
      etag,
      "cache-control": IMMUTABLE,
      "accept-ranges": "bytes",
      "content-type": head.httpMetadata?.contentType ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "content-security-policy": MEDIA_CSP,
    });
    if (etagMatches(c.req.header("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    // If-Range with another validator: the client's partial copy is stale, send everything.
    const ifRange = c.req.header("if-range");
    const range = ifRange && ifRange !== etag ? null : parseByteRange(c.req.header("range"), head.size);
    if (range === "unsatisfiable") {
      throw new AppError("range_not_satisfiable", `the file has ${head.size} bytes`, {
        headers: { "content-range": `bytes */${head.size}` },
      });
    }
    const object = await c.env.MEDIA.get(key, range ? { range } : {});
    if (!object) throw missing();
    if (!range) {
      headers.set("content-length", String(head.size));
      return new Response(object.body, { status: 200, headers });
    }
    headers.set("content-length", String(range.length));
    headers.set("content-range", `bytes ${range.offset}-${range.offset + range.length - 1}/${head.size}`);
    return new Response(object.body, { status: 206, headers });
  });
