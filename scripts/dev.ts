/**
 * `npm run dev`: the whole platform on this machine. Starts the embedded Postgres origin
 * (PGlite over the wire protocol, persisted in .data/origin), migrates and seeds it, applies
 * the D1 migrations and seed locally, then runs `wrangler dev` on :8787 (PORT, ORIGIN_PORT override). Ctrl-C stops all.
 *
 * Use a real Postgres instead by exporting ORIGIN_URL; it is handed to wrangler as the
 * Hyperdrive binding's local connection string.
 *
 * Redis: unless .dev.vars points UPSTASH_REDIS_REST_URL at a remote database, the Upstash REST
 * bridge starts on a free port in front of REDIS_URL, else a redis-server from PATH (data in
 * .data/redis), else the in-process ioredis-mock; wrangler gets its URL and token with `--var`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { parseEnv } from "node:util";
import { buildQuestionBank } from "../src/seed/question-bank.ts";
import { d1SeedSql } from "./lib/d1-seed.ts";
import { type EmbeddedOrigin, startEmbeddedOrigin } from "./lib/embedded-origin.ts";
import { migrateOrigin, seedOrigin } from "./lib/origin-setup.ts";
import { startUpstashBridge, type UpstashBridge } from "./lib/upstash-bridge.ts";

// PORT and ORIGIN_PORT let several checkouts run side by side.
const PORT = process.env.PORT ?? "8787";
const ORIGIN_PORT = Number(process.env.ORIGIN_PORT ?? 54329);
const log = (message: string) => console.log(`\x1b[36m[dev]\x1b[0m ${message}`);

/** The local Upstash bridge, unless .dev.vars names a remote (real Upstash) database. */
async function startLocalUpstash(): Promise<UpstashBridge | undefined> {
  const vars = parseEnv(await readFile(".dev.vars", "utf8"));
  const configured = vars.UPSTASH_REDIS_REST_URL ?? "";
  if (configured && !/^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(configured)) {
    log(`Redis: Upstash at ${new URL(configured).host} (from .dev.vars)`);
    return undefined;
  }
  const bridge = await startUpstashBridge({
    token: vars.UPSTASH_REDIS_REST_TOKEN || "dev-upstash-token",
    redisUrl: process.env.REDIS_URL,
    dataDir: ".data/redis",
    log: (message) => log(`Redis: ${message}`),
  });
  log(`Upstash REST bridge on ${bridge.url} (${bridge.backend.kind})`);
  return bridge;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
    child.on("error", reject);
  });
}

async function main(): Promise<void> {
  if (!existsSync(".dev.vars")) {
    await copyFile(".dev.vars.example", ".dev.vars");
    log("created .dev.vars from .dev.vars.example");
  }

  let origin: EmbeddedOrigin | undefined;
  let originUrl = process.env.ORIGIN_URL;
  if (!originUrl) {
    await mkdir(".data", { recursive: true });
    origin = await startEmbeddedOrigin({ port: ORIGIN_PORT, dataDir: ".data/origin" });
    originUrl = origin.url;
    log(`embedded Postgres origin (PGlite) on ${originUrl}`);
  }

  let wrangler: ChildProcess | undefined;
  let upstash: UpstashBridge | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    wrangler?.kill("SIGINT");
    await origin?.stop();
    await upstash?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    upstash = await startLocalUpstash();
    const bank = await buildQuestionBank();
    await migrateOrigin(originUrl);
    const inserted = await seedOrigin(originUrl, bank);
    log(`origin migrated; seeded ${inserted} new of ${bank.length} bank questions`);

    await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]);
    await mkdir(".wrangler/seed", { recursive: true });
    await writeFile(".wrangler/seed/d1-questions.sql", d1SeedSql(bank));
    await run("wrangler", ["d1", "execute", "DB", "--local", "--file", ".wrangler/seed/d1-questions.sql"]);
    log("D1 edge copy migrated and seeded");
  } catch (error) {
    console.error(error);
    await stop(1);
    return;
  }

  // Both, so a .dev.vars made before these settings existed works too.
  const vars = upstash
    ? ["--var", `UPSTASH_REDIS_REST_URL:${upstash.url}`, `UPSTASH_REDIS_REST_TOKEN:${upstash.token}`]
    : [];
  wrangler = spawn("wrangler", ["dev", "--port", PORT, "--ip", "127.0.0.1", ...vars, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_ORIGIN: originUrl },
  });
  wrangler.on("exit", (code) => void stop(code ?? 0));
}

await main();
