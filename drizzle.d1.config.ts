import { defineConfig } from "drizzle-kit";

/** D1 (edge copy): `npx drizzle-kit generate --config drizzle.d1.config.ts` writes wrangler-compatible SQL. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./schemas/d1-tables.ts",
  out: "./migrations/d1",
});
