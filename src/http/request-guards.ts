import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { AppError } from "./problem.ts";
import { readCapped } from "./read-capped.ts";

/** JSON bodies larger than this are refused before they are read (media uploads set their own cap). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Routes that take raw bytes and check type and size themselves. */
const RAW_BODY_PATHS = new Set(["/api/admin/media"]);
/** Routes that also take an HTML form (the seed's load test posts one to start a session). */
const FORM_BODY_PATHS = new Set(["/api/sessions/start"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

const tooLarge = () => new AppError("payload_too_large", `request bodies are limited to ${JSON_BODY_LIMIT} bytes`);

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  return (length !== null && length !== "0") || req.headers.has("transfer-encoding");
}

/**
 * Requests with a body must send JSON (415 otherwise; a form where a route takes one) of bounded
 * size (413), so handlers can trust `c.req.json()`. Streams without a length are counted as they are read.
 */
export const jsonBodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  const req = c.req.raw;
  if (!hasBody(req) || req.method === "GET" || req.method === "HEAD" || RAW_BODY_PATHS.has(c.req.path)) return next();
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  const isForm = FORM_BODY_PATHS.has(c.req.path) && FORM_TYPES.has(type ?? "");
  if (type !== "application/json" && !type?.endsWith("+json") && !isForm) {
    throw new AppError("unsupported_media_type", "request bodies must be application/json");
  }
  const length = Number(req.headers.get("content-length") ?? Number.NaN);
  if (length > JSON_BODY_LIMIT) {
    throw tooLarge();
  }
  if (Number.isNaN(length) && req.body) {
    const bytes = await readCapped(req, JSON_BODY_LIMIT, tooLarge);
    c.req.raw = new Request(req, { body: bytes });
  }
  return next();
});
