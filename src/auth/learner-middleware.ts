import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-env.ts";
import { bearerToken, verifyLearnerToken } from "./learner-jwt.ts";

/** Sets `learner` from a Supabase JWT; requests without a token are anonymous, a bad token is 401. */
export const learnerIdentity = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  c.set("learner", token ? await verifyLearnerToken(token, c.env) : null);
  await next();
});
