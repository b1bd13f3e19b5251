/**
 * Every table of the Postgres origin, for drizzle-kit and the origin client. The table files
 * import `questions` from origin-tables.ts for their foreign keys, so they are gathered here
 * rather than re-exported from it (which made the files import each other).
 */
export * from "./origin-answer-tables.ts";
export * from "./origin-pipeline-tables.ts";
export * from "./origin-tables.ts";
