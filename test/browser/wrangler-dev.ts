import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { d1SeedSql } from "../../scripts/lib/d1-seed.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";

export interface DevWorker {
  /** http://localhost:<port>: a secure context for Chromium, so `Secure` cookies work over http. */
  url: string;
  stop(): Promise<void>;
}

// Run by this Node (>= 22), whatever `node` comes first on PATH.
const WRANGLER = new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/admin/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${log()}`);
}

/**
 * The Worker under `wrangler dev`, as `npm run dev` runs it, on a free port with its own
 * temporary state (D1 migrated, KV empty) and the tokens of .dev.vars.example. With
 * `seedQuestions`, D1 gets the question bank, as `npm run dev` seeds it: the edge copy alone
 * serves quizzes, so no origin is needed. `vars` override the Worker's variables (`--var`).
 */
export async function startDevWorker(
  options: { seedQuestions?: boolean; vars?: Record<string, string> } = {},
): Promise<DevWorker> {
  const persist = await mkdtemp(join(tmpdir(), "edge-quiz-browser-"));
  const env = { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
  await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], env);
  if (options.seedQuestions) {
    const seed = join(persist, "d1-questions.sql");
    await writeFile(seed, d1SeedSql(await buildQuestionBank()));
    await run(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", seed], env);
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persist,
      "--env-file",
      ".dev.vars.example",
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      ...Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once("exit", r));
      // wrangler runs workerd as a child: end the whole group this test started.
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    await rm(persist, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
