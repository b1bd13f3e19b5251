import { createMiddleware } from "hono/factory";
import { type OriginConnection, openOrigin } from "../origin/client.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * Puts a lazy origin opener on the context: most requests are served from the edge and
 * never connect, and the ones that do share one connection.
 */
export const originConnection = createMiddleware<AppEnv>(async (c, next) => {
  let conn: OriginConnection | undefined;
  c.set("origin", () => {
    conn ??= openOrigin(c.env.ORIGIN);
    return conn;
  });
  await next();
});
