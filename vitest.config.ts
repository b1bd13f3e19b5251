import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        hyperdrives: { ORIGIN: inject("originUrl") },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations/d1"),
          TEST_ORIGIN_KIND: inject("originKind"),
          SUPABASE_JWT_SECRET: "test-jwt-secret",
          SUPABASE_JWKS_URL: "",
          SUPABASE_URL: "",
          ADMIN_TOKENS: "editor:test-editor-token,viewer:test-viewer-token",
          OPENAI_API_KEY: "",
          OPENAI_BASE_URL: "",
          SCRAPER_ALLOWED_PRIVATE_HOSTS: "127.0.0.1,localhost",
          UPSTASH_REDIS_REST_URL: inject("redisRestUrl"),
          UPSTASH_REDIS_REST_TOKEN: inject("redisRestToken"),
        },
      },
    })),
  ],
  test: {
    globalSetup: [
      "./test/node/global-setup.ts",
      "./test/node/statement-counter.ts",
      "./test/node/pipeline-setup.ts",
      "./test/node/redis-setup.ts",
      "./test/node/jwks-server.ts",
    ],
    setupFiles: ["./test/apply-d1-migrations.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/node/**", "test/browser/**", "test/load/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
