import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * `npm run bench:pipeline`: the pipeline benchmark, in workerd against local D1 and the
 * embedded origin, like the tests. Figures go to test/bench/results.json under "pipeline".
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        hyperdrives: { ORIGIN: inject("originUrl") },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations/d1"),
          TEST_ORIGIN_KIND: inject("originKind"),
          SUPABASE_JWT_SECRET: "bench",
          SUPABASE_JWKS_URL: "",
          ADMIN_TOKENS: "",
          OPENAI_API_KEY: "",
          OPENAI_BASE_URL: "",
          SCRAPER_ALLOWED_PRIVATE_HOSTS: "127.0.0.1,localhost",
        },
      },
    })),
  ],
  test: {
    globalSetup: ["./test/node/global-setup.ts", "./test/node/bench-collector.ts"],
    setupFiles: ["./test/apply-d1-migrations.ts"],
    include: ["test/bench/**/*.bench-test.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
