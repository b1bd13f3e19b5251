import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id (a well-formed incoming `x-request-id` is kept) and echoes it back. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("x-request-id", id);
});
