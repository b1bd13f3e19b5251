import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SyntheticStep } from "./synthetic-run.ts";

/** D1: one run of the synthetic learner journey, scheduled (one per 5-minute slot) or started by an editor. */
export const syntheticRuns = sqliteTable(
  "synthetic_runs",
  {
    id: text("id").primaryKey(),
    trigger: text("trigger").$type<"schedule" | "manual">().notNull(),
    /** The 5-minute slot of a scheduled run (ISO), unique: repeated cron deliveries run it once. */
    slot: text("slot").unique(),
    startedAt: text("started_at").notNull(),
    /** Null while the run is in progress. */
    ok: integer("ok", { mode: "boolean" }),
    failedStep: text("failed_step"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    steps: text("steps", { mode: "json" }).$type<SyntheticStep[]>().notNull(),
  },
  (t) => [index("synthetic_runs_started_idx").on(t.startedAt)],
);

export type SyntheticRunRow = typeof syntheticRuns.$inferSelect;
