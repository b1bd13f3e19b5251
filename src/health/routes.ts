import { createRoute, z } from "@hono/zod-openapi";
import { PUBLIC } from "../http/openapi-security.ts";
import { createRouter } from "../http/router.ts";
import { checkDependencies } from "./checks.ts";

const Dependency = z.object({
  status: z.enum(["ok", "down"]),
  latencyMs: z.number(),
  required: z.boolean(),
  error: z.string().optional(),
});

const Health = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    checkedAt: z.string(),
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
    "Probes KV, D1, R2, the queue producers and the Postgres origin. 503 when a dependency the edge needs (KV, D1) is down; 'degraded' when only the origin, R2 or queues are.",
  responses: {
    200: { description: "Serving", content: { "application/json": { schema: Health } } },
    503: { description: "A required dependency is down", content: { "application/json": { schema: Health } } },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const dependencies = await checkDependencies(c.env, c.var.origin);
  const states = Object.values(dependencies);
  const status = states.some((d) => d.required && d.status === "down")
    ? "down"
    : states.some((d) => d.status === "down")
      ? "degraded"
      : "ok";
  c.header("cache-control", "no-store");
  const body = { status, checkedAt: new Date().toISOString(), dependencies } as const;
  return status === "down" ? c.json(body, 503) : c.json(body, 200);
});
