import { createRoute, z } from "@hono/zod-openapi";
import { ScrapeRun, StartRunBody } from "../../../schemas/scrape-run.ts";
import { requireAdmin } from "../../auth/admin-tokens.ts";
import { loadSettings } from "../../config/read-config.ts";
import { ADMIN } from "../../http/openapi-security.ts";
import { AppError, problemContent } from "../../http/problem.ts";
import { createRouter } from "../../http/router.ts";
import { getRun, listRuns } from "./run-store.ts";
import { startRun, UnknownSourcesError } from "./start-run.ts";

const RunId = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: "id", in: "path" }, example: "run_mf3k2a_1a2b3c4d" });

const startRoute = createRoute({
  method: "post",
  operationId: "startScraperRun",
  path: "/api/admin/scraper/run",
  tags: ["Scraper"],
  summary: "Start a scraper run now",
  description:
    "Starts a run over every enabled source in `scraper.sources`, or over the sources named in `sources` (enabled or not). One message per source goes to the scrape queue; follow the run at `/api/admin/scraper/runs/{id}`. Editor role.",
  security: ADMIN,
  middleware: [requireAdmin("editor")] as const,
  request: { body: { required: false, content: { "application/json": { schema: StartRunBody } } } },
  responses: {
    202: {
      description: "The run is queued",
      content: {
        "application/json": {
          schema: z.object({ id: z.string(), sources: z.array(z.string()) }).openapi("RunStarted"),
        },
      },
    },
    401: problemContent("No or unknown admin token"),
    403: problemContent("The token is not an editor's"),
    422: problemContent("A named source does not exist, or no source is enabled"),
  },
});

const listRoute = createRoute({
  method: "get",
  operationId: "listScraperRuns",
  path: "/api/admin/scraper/runs",
  tags: ["Scraper"],
  summary: "Recent scraper runs",
  description: "The latest runs, newest first, each with totals and per-source counts and errors. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: {
      description: "Runs",
      content: { "application/json": { schema: z.object({ runs: z.array(ScrapeRun) }).openapi("ScrapeRunList") } },
    },
    401: problemContent("No or unknown admin token"),
  },
});

const getRoute = createRoute({
  method: "get",
  operationId: "getScraperRun",
  path: "/api/admin/scraper/runs/{id}",
  tags: ["Scraper"],
  summary: "One scraper run",
  description:
    "Status (queued, running, completed, failed), totals, every source's counts (fetched, parsed, skipped, duplicates, accepted, rejected, review, failed) and errors, and the run's dead-lettered messages. Viewer role.",
  security: ADMIN,
  middleware: [requireAdmin("viewer")] as const,
  request: { params: z.object({ id: RunId }) },
  responses: {
    200: { description: "The run", content: { "application/json": { schema: ScrapeRun } } },
    401: problemContent("No or unknown admin token"),
    404: problemContent("No run has this id"),
  },
});

export const scraperRunRoutes = createRouter()
  .openapi(startRoute, async (c) => {
    // The body is optional: without one, validation is skipped and every enabled source runs.
    const only = (c.req.valid("json") as StartRunBody | undefined)?.sources;
    const { settings } = await loadSettings(c.env.CONFIG_KV);
    try {
      const configured = settings["scraper.sources"];
      if (!only && !configured.some((s) => s.enabled)) {
        throw new AppError("unprocessable", "no source in scraper.sources is enabled");
      }
      const run = await startRun({
        db: c.env.DB,
        queue: c.env.SCRAPE_QUEUE,
        configured,
        only,
        trigger: "manual",
        requestedBy: c.var.admin?.name ?? null,
      });
      return c.json(run, 202);
    } catch (error) {
      if (error instanceof UnknownSourcesError) {
        throw new AppError("unprocessable", error.message, {
          errors: error.ids.map((id) => ({ path: "sources", message: `unknown source '${id}'` })),
        });
      }
      throw error;
    }
  })
  .openapi(listRoute, async (c) => {
    const { limit } = c.req.valid("query");
    c.header("cache-control", "no-store");
    return c.json({ runs: await listRuns(c.env.DB, limit) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const run = await getRun(c.env.DB, c.req.valid("param").id);
    if (!run) throw new AppError("not_found", "no scraper run has this id");
    c.header("cache-control", "no-store");
    return c.json(run, 200);
  });
