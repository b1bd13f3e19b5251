import { sessionsSchema } from "./0001-sessions.ts";
import type { SchemaMigration } from "./schema-migrations.ts";

/** The learner object's schema, in order. Append new steps; never edit or reorder applied ones. */
export const LEARNER_MIGRATIONS: readonly SchemaMigration[] = [sessionsSchema];
