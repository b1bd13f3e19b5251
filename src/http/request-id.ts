import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A well-formed incoming `x-request-id`, or a new one. */
export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** Gives every request an id (a well-formed incoming `x-request-id` is kept) and echoes it back. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = requestIdFor(c.req.header("x-request-id"));
  c.set("requestId", id);
  await next();
  c.res.headers.set("x-request-id", id);
});
