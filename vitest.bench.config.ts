import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * `npm run bench:pipeline` and `npm run bench:answers`: the pipeline and answer-stream
 * benchmarks, in workerd against local D1 and the embedded origin (reached through a proxy
 * that counts statements), like the tests. Figures go to test/bench/results.json under
 * "pipeline" and "answer_stream".
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        hyperdrives: { ORIGIN: inject("countedOriginUrl") },
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
    globalSetup: ["./test/node/global-setup.ts", "./test/node/statement-counter.ts", "./test/node/bench-collector.ts"],
    setupFiles: ["./test/apply-d1-migrations.ts"],
    include: ["test/bench/**/*.bench-test.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
