import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "./app-env.ts";
import { MemoRouter } from "./memo-router.ts";
import { AppError, fieldIssues } from "./problem.ts";

/**
 * A router whose request validation fails as problem+json: a body that parses but breaks its
 * schema is 422, bad path, query or header values are 400.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    router: new MemoRouter(),
    defaultHook: (result) => {
      if (result.success) return;
      const isBody = result.target === "json" || result.target === "form";
      throw new AppError(isBody ? "unprocessable" : "bad_request", `the request ${result.target} is not valid`, {
        errors: fieldIssues(result.error as ZodError),
      });
    },
  });
}
