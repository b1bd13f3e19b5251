import { createRoute, z } from "@hono/zod-openapi";
import type { ExecutionContext } from "hono";
import { SyntheticRun, SyntheticRunList } from "../../schemas/synthetic-run.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { runSyntheticCheck } from "./synthetic-check.ts";
import type { Dispatch } from "./synthetic-journey.ts";
import { listRuns } from "./synthetic-store.ts";

const adminErrors = {
  401: problemContent("No or unknown admin token"),
  403: problemContent("The token's role is too low"),
} as const;

const listRoute = createRoute({
  method: "get",
  operationId: "listSyntheticRuns",
  path: "/api/admin/monitoring/synthetic",
  tags: ["Admin: monitoring"],
  summary: "Synthetic journey runs",
  description:
    "The latest runs of the synthetic learner journey (every 5 minutes with `monitoring.synthetic_enabled`), newest first: success or the failed step, and each step's latency. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(12) }) },
  responses: {
    200: { description: "Runs", content: { "application/json": { schema: SyntheticRunList } } },
    ...adminErrors,
  },
});

const runRoute = createRoute({
  method: "post",
  operationId: "runSyntheticJourney",
  path: "/api/admin/monitoring/synthetic/run",
  tags: ["Admin: monitoring"],
  summary: "Run the synthetic journey now",
  description:
    "Runs the journey once, whatever the setting, records it like a scheduled run and answers it. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  responses: {
    200: { description: "The run", content: { "application/json": { schema: SyntheticRun } } },
    ...adminErrors,
  },
});

/** The synthetic check's admin endpoints; `dispatch` sends its requests through the whole Worker. */
export function createMonitoringRoutes(deps: {
  dispatch: (request: Request, env: Env, ctx: ExecutionContext) => Promise<Response>;
}) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ runs: await listRuns(c.env.DB, c.req.valid("query").limit) }, 200))
    .openapi(runRoute, async (c) => {
      const dispatch: Dispatch = (request) => deps.dispatch(request, c.env, c.executionCtx);
      const run = await runSyntheticCheck({ db: c.env.DB, dispatch, env: c.env }, "manual", new Date());
      c.header("cache-control", "no-store");
      // A manual run has no slot to lose: it is always claimed.
      return c.json(run as SyntheticRun, 200);
    });
}
