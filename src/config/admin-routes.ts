import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  ConfigEntrySchema,
  ConfigHistoryEntry,
  ConfigKeyParam,
  ConfigList,
  DryRunQuery,
  DryRunResult,
  PutConfigBody,
  RollbackBody,
} from "../../schemas/config-api.ts";
import { CONFIG_REGISTRY } from "../../schemas/config-registry.ts";
import { requireAdmin } from "../auth/admin-tokens.ts";
import type { AppEnv } from "../http/app-env.ts";
import { ADMIN } from "../http/openapi-security.ts";
import { AppError, problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { changeConfig, requireKey, resetConfig, rollbackConfig } from "./change-config.ts";
import { type ConfigEntry, configStore } from "./config-store.ts";

const TAGS = ["Admin: config"];
const authErrors = {
  401: problemContent("No or unknown admin token"),
  403: problemContent("The token's role may not do this"),
  404: problemContent("Unknown config key"),
};

function store(c: Context<AppEnv>) {
  return configStore(c.env.DB, c.env.CONFIG_KV);
}

/**
 * Who made a change: the verified Cloudflare Access email when there is one, else the name the
 * client gives in `x-admin-actor` (unverified, sanitised), always with how the role was granted.
 */
export function actorOf(c: Context<AppEnv>): string {
  const granted = c.var.admin?.name ?? "unknown";
  const named =
    c.var.admin?.person ??
    c.req
      .header("x-admin-actor")
      ?.replace(/[^\w .@+-]/g, "")
      .slice(0, 100)
      .trim();
  return named ? `${named} (${granted})` : granted;
}

export function toApiEntry(e: ConfigEntry): z.infer<typeof ConfigEntrySchema> {
  const def = CONFIG_REGISTRY[e.key];
  return {
    key: e.key,
    value: e.value,
    default: e.default,
    version: e.version,
    updated_at: e.updatedAt,
    updated_by: e.updatedBy,
    description: def.description,
    control: def.control,
    section: def.section,
  };
}

/** `If-Match: "3"` (or `W/"3"`) as a version number; anything else is a 412 for safety. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new AppError("precondition_failed", 'If-Match must be an ETag of this key, such as "3"');
  return Number(match[1]);
}

const entryResponse = {
  description: "The key",
  content: { "application/json": { schema: ConfigEntrySchema } },
  headers: z.object({ etag: z.string() }),
};

const listRoute = createRoute({
  method: "get",
  operationId: "listConfig",
  path: "/api/admin/config",
  tags: TAGS,
  security: ADMIN,
  summary: "Every setting with its value, default and version",
  middleware: [requireAdmin("viewer")] as const,
  responses: {
    200: { description: "All keys", content: { "application/json": { schema: ConfigList } } },
    ...authErrors,
  },
});

const getRoute = createRoute({
  method: "get",
  operationId: "getConfigEntry",
  path: "/api/admin/config/{key}",
  tags: TAGS,
  security: ADMIN,
  summary: "One setting",
  middleware: [requireAdmin("viewer")] as const,
  request: { params: ConfigKeyParam },
  responses: { 200: entryResponse, ...authErrors },
});

const putRoute = createRoute({
  method: "put",
  operationId: "setConfigEntry",
  path: "/api/admin/config/{key}",
  tags: TAGS,
  security: ADMIN,
  summary: "Change a setting (or, with dry_run=true, show what would change)",
  middleware: [requireAdmin("editor")] as const,
  request: {
    params: ConfigKeyParam,
    query: DryRunQuery,
    headers: z.object({ "if-match": z.string().optional() }),
    body: { required: true, content: { "application/json": { schema: PutConfigBody } } },
  },
  responses: {
    200: {
      description: "Saved, or the dry run",
      content: { "application/json": { schema: z.union([ConfigEntrySchema, DryRunResult]) } },
    },
    409: problemContent("Another change landed at the same time; retry"),
    412: problemContent("If-Match names an older version; nothing changed"),
    422: problemContent("The value breaks the key's schema"),
    ...authErrors,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  operationId: "resetConfigEntry",
  path: "/api/admin/config/{key}",
  tags: TAGS,
  security: ADMIN,
  summary: "Reset a setting to its default",
  middleware: [requireAdmin("editor")] as const,
  request: { params: ConfigKeyParam, headers: z.object({ "if-match": z.string().optional() }) },
  responses: { 200: entryResponse, 412: problemContent("If-Match names an older version"), ...authErrors },
});

const historyRoute = createRoute({
  method: "get",
  operationId: "getConfigHistory",
  path: "/api/admin/config/{key}/history",
  tags: TAGS,
  security: ADMIN,
  summary: "Every change of a setting, newest first",
  middleware: [requireAdmin("viewer")] as const,
  request: { params: ConfigKeyParam },
  responses: {
    200: {
      description: "Changes",
      content: { "application/json": { schema: z.object({ key: z.string(), history: z.array(ConfigHistoryEntry) }) } },
    },
    ...authErrors,
  },
});

const rollbackRoute = createRoute({
  method: "post",
  operationId: "rollbackConfigEntry",
  path: "/api/admin/config/{key}/rollback",
  tags: TAGS,
  security: ADMIN,
  summary: "Set a setting back to the value it had at an earlier version",
  middleware: [requireAdmin("editor")] as const,
  request: {
    params: ConfigKeyParam,
    headers: z.object({ "if-match": z.string().optional() }),
    body: { required: true, content: { "application/json": { schema: RollbackBody } } },
  },
  responses: {
    200: entryResponse,
    412: problemContent("If-Match names an older version"),
    422: problemContent("No such version"),
    ...authErrors,
  },
});

export const configAdminRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const configs = store(c);
    // Listing is also when a snapshot KV missed (it failed, or lost a race) gets republished.
    const [entries, state] = await Promise.all([configs.list(), configs.reconcile()]);
    return c.json(
      {
        revision: state.revision,
        published_revision: state.published,
        entries: entries.map(toApiEntry),
      },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const entry = await store(c).get(requireKey(c.req.valid("param").key));
    c.header("etag", `"${entry.version}"`);
    return c.json(toApiEntry(entry), 200);
  })
  .openapi(putRoute, async (c) => {
    const key = requireKey(c.req.valid("param").key);
    const body = c.req.valid("json");
    const result = await changeConfig(store(c), key, {
      value: body.value,
      reason: body.reason ?? null,
      actor: actorOf(c),
      action: "set",
      ifMatch: ifMatchVersion(c.req.header("if-match")),
      dryRun: c.req.valid("query").dry_run === "true",
    });
    if ("dry_run" in result) return c.json(result, 200);
    c.header("etag", `"${result.version}"`);
    return c.json(toApiEntry(result), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const key = requireKey(c.req.valid("param").key);
    const entry = await resetConfig(store(c), key, {
      actor: actorOf(c),
      ifMatch: ifMatchVersion(c.req.header("if-match")),
    });
    c.header("etag", `"${entry.version}"`);
    return c.json(toApiEntry(entry), 200);
  })
  .openapi(historyRoute, async (c) => {
    const key = requireKey(c.req.valid("param").key);
    const history = await store(c).history(key);
    return c.json(
      {
        key,
        history: history.map((h) => ({
          version: h.version,
          old_value: h.oldValue,
          new_value: h.newValue,
          actor: h.actor,
          reason: h.reason,
          action: h.action,
          at: h.at,
        })),
      },
      200,
    );
  })
  .openapi(rollbackRoute, async (c) => {
    const key = requireKey(c.req.valid("param").key);
    const { version, reason } = c.req.valid("json");
    const entry = await rollbackConfig(store(c), key, version, {
      actor: actorOf(c),
      reason,
      ifMatch: ifMatchVersion(c.req.header("if-match")),
    });
    c.header("etag", `"${entry.version}"`);
    return c.json(toApiEntry(entry), 200);
  });
