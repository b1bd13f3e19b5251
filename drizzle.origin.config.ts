import { defineConfig } from "drizzle-kit";

/** Postgres origin: `npx drizzle-kit generate --config drizzle.origin.config.ts`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./schemas/origin-schema.ts",
  out: "./migrations/origin",
});
