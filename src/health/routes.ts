import { createRoute, z } from "@hono/zod-openapi";
import { isProduction, postureProblems } from "../config/production-posture.ts";
import { PUBLIC } from "../http/openapi-security.ts";
import { createRouter } from "../http/router.ts";
import { checkDependencies } from "./checks.ts";

const Dependency = z.object({
  status: z.enum(["ok", "down"]),
  latencyMs: z.number(),
  required: z.boolean(),
  error: z.string().optional().openapi({ description: "Why it is down; left out in production." }),
});

const Configuration = z.object({
  status: z.enum(["ok", "misconfigured"]),
  /** Each wrong setting by name and a code; never its value or an error text. */
  problems: z.array(
    z.object({
      setting: z.string(),
      problem: z.enum(["development_value", "too_short", "missing", "not_https", "set"]),
    }),
  ),
});

const Health = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    checkedAt: z.string(),
    environment: z.string(),
    configuration: Configuration,
    dependencies: z.object({ kv: Dependency, d1: Dependency, r2: Dependency, queues: Dependency, origin: Dependency }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  operationId: "getHealth",
  security: PUBLIC,
  path: "/api/health",
  tags: ["Health"],
  summary: "Dependency health",
  description:
    "Probes KV, D1, R2, the queue producers and the Postgres origin. 503 when a dependency the edge needs (KV, D1) is down; 'degraded' when only the origin, R2 or queues are, or when a production deployment is misconfigured (`configuration.problems` names each setting: a development secret, a token short enough to guess, a missing value). In production, dependency error texts are logged, not shown.",
  responses: {
    200: { description: "Serving", content: { "application/json": { schema: Health } } },
    503: { description: "A required dependency is down", content: { "application/json": { schema: Health } } },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const checked = await checkDependencies(c.env, c.var.origin);
  const problems = postureProblems(c.env);
  const states = Object.values(checked);
  const status = states.some((d) => d.required && d.status === "down")
    ? "down"
    : states.some((d) => d.status === "down") || problems.length > 0
      ? "degraded"
      : "ok";
  // Error texts can name hosts and internals; a production health check is public.
  const production = isProduction(c.env);
  for (const [name, state] of Object.entries(checked)) {
    if (state.error) console.warn(`[${c.var.requestId}] health: ${name} is down;`, state.error);
  }
  const dependencies = production
    ? (Object.fromEntries(
        Object.entries(checked).map(([name, { error: _hidden, ...state }]) => [name, state]),
      ) as typeof checked)
    : checked;
  c.header("cache-control", "no-store");
  const body = {
    status,
    checkedAt: new Date().toISOString(),
    environment: c.env.ENVIRONMENT,
    configuration: { status: problems.length > 0 ? "misconfigured" : "ok", problems },
    dependencies,
  } as const;
  return status === "down" ? c.json(body, 503) : c.json(body, 200);
});
