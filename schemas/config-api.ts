import { z } from "@hono/zod-openapi";

export const ConfigKeyParam = z.object({
  key: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "key", in: "path" }, example: "adaptive.flow_threshold" }),
});

export const ConfigEntrySchema = z
  .object({
    key: z.string(),
    value: z.unknown(),
    default: z.unknown(),
    version: z.number().int(),
    updated_at: z.string().nullable(),
    updated_by: z.string().nullable(),
    description: z.string(),
    control: z.string(),
    section: z.string(),
  })
  .openapi("ConfigEntry");

export const ConfigList = z
  .object({
    revision: z.number().int().openapi({ description: "The latest change in D1 (the source of truth)." }),
    published_revision: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The revision of the KV snapshot Workers read; null before the first change." }),
    entries: z.array(ConfigEntrySchema),
  })
  .openapi("ConfigList");

export const PutConfigBody = z
  .object({ value: z.unknown(), reason: z.string().trim().max(500).optional() })
  .openapi("PutConfig");

export const DryRunQuery = z.object({
  dry_run: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "Validate and show what would change, without saving (test mode)." }),
});

export const RollbackBody = z
  .object({ version: z.number().int().min(1), reason: z.string().trim().max(500).optional() })
  .openapi("RollbackConfig");

export const ConfigHistoryEntry = z
  .object({
    version: z.number().int(),
    old_value: z.unknown(),
    new_value: z.unknown(),
    actor: z.string(),
    reason: z.string().nullable(),
    action: z.enum(["set", "reset", "rollback"]),
    at: z.string(),
  })
  .openapi("ConfigHistoryEntry");

export const FlagDecisionSchema = z.object({
  enabled: z.boolean(),
  reason: z.string(),
  bucket: z.number().int(),
});

export const DryRunResult = z
  .object({
    dry_run: z.literal(true),
    key: z.string(),
    from: z.unknown(),
    to: z.unknown(),
    changed: z.boolean(),
    version: z.number().int(),
    effective: z.record(z.string(), z.unknown()),
    flag_decisions: z
      .array(z.object({ user_id: z.string(), before: FlagDecisionSchema, after: FlagDecisionSchema }))
      .optional(),
  })
  .openapi("ConfigDryRun");
