import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import type { Redis } from "ioredis";
import type RedisMockType from "ioredis-mock";

// Node's own resolution: under vitest, Vite would hand these packages their browser builds.
const require = createRequire(import.meta.url);
const IORedis = require("ioredis") as typeof import("ioredis").Redis;

/** One command reply: a value, or the error Redis answered for that command. */
export type Reply = { value: unknown } | { error: string };

/** The connection to Redis failed (not a Redis error reply): the bridge answers 503. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/** Redis refused a MULTI block before running it (EXECABORT): nothing ran. */
export class TransactionAbortedError extends Error {
  override name = "TransactionAbortedError";
}

export interface RedisBackend {
  /** `redis-url` (REDIS_URL), `redis-server` (started here) or `ioredis-mock` (in process). */
  kind: "redis-url" | "redis-server" | "ioredis-mock";
  /** Where the data is, for logs: a redis:// URL or "in process". */
  where: string;
  /** One command; a Redis error reply is returned, a connection failure is thrown. */
  command(args: string[]): Promise<Reply>;
  /** Commands sent together, each with its own reply. */
  pipeline(commands: string[][]): Promise<Reply[]>;
  /** Commands in MULTI/EXEC; throws `TransactionAbortedError` when Redis discards the block. */
  transaction(commands: string[][]): Promise<Reply[]>;
  stop(): Promise<void>;
}

export interface RedisBackendOptions {
  /** Connect here instead of starting anything (the REDIS_URL of `npm run dev`). */
  redisUrl?: string;
  /** Where a started redis-server keeps its RDB snapshot; omitted, nothing is written to disk. */
  dataDir?: string;
  /** Skip looking for redis-server and use the in-process engine (tests of that fallback). */
  inProcess?: boolean;
  log?: (message: string) => void;
}

type Pipelinable = {
  exec(): Promise<[Error | null, unknown][] | null>;
};

function replyOf([error, value]: [Error | null, unknown]): Reply {
  return error ? { error: error.message } : { value };
}

/** ioredis reports Redis error replies as ReplyError; anything else is the connection. */
function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}

function unavailable(error: unknown): RedisUnavailableError {
  return new RedisUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** Over a real Redis: binary-safe replies (Buffers), failing fast while disconnected. */
function ioredisBackend(
  redis: Redis,
  kind: "redis-url" | "redis-server",
  where: string,
  stopServer: () => Promise<void>,
): RedisBackend {
  const run = async (batch: Pipelinable): Promise<Reply[]> => {
    let results: [Error | null, unknown][] | null;
    try {
      results = await batch.exec();
    } catch (error) {
      if (isReplyError(error) && error.message.startsWith("EXECABORT")) {
        const previous = (error as Error & { previousErrors?: Error[] }).previousErrors ?? [];
        throw new TransactionAbortedError([error.message, ...previous.map((e) => e.message)].join("; "));
      }
      throw isReplyError(error) ? error : unavailable(error);
    }
    if (!results) throw new TransactionAbortedError("EXECABORT the transaction was discarded");
    return results.map(replyOf);
  };
  return {
    kind,
    where,
    async command([name, ...args]) {
      try {
        return { value: await redis.callBuffer(name as string, ...args) };
      } catch (error) {
        if (isReplyError(error)) return { error: error.message };
        throw unavailable(error);
      }
    },
    pipeline: (commands) => {
      const batch = redis.pipeline();
      for (const [name, ...args] of commands) batch.callBuffer(name as string, ...args);
      return run(batch);
    },
    transaction: (commands) => {
      const batch = redis.multi();
      for (const [name, ...args] of commands) batch.callBuffer(name as string, ...args);
      return run(batch);
    },
    async stop() {
      redis.disconnect();
      await stopServer();
    },
  };
}

/** ioredis-mock has no generic `call`: commands are its methods, by lower-case name. */
type MockMethod = (...args: string[]) => unknown;

function mockBackend(): RedisBackend {
  const RedisMock = require("ioredis-mock") as typeof RedisMockType;
  const mock = new RedisMock();
  const method = (target: object, name: string): MockMethod | undefined => {
    const fn = (target as Record<string, unknown>)[name.toLowerCase()];
    return typeof fn === "function" ? (fn as MockMethod).bind(target) : undefined;
  };
  const unknown = (name: string) => `ERR unknown command '${name}'`;
  const command = async ([name, ...args]: string[]): Promise<Reply> => {
    const fn = method(mock, name as string);
    if (!fn) return { error: unknown(name as string) };
    try {
      return { value: await fn(...args) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    kind: "ioredis-mock",
    where: "in process",
    command,
    // A pipeline is not atomic: in one process, commands one after another are the same thing.
    async pipeline(commands) {
      const replies: Reply[] = [];
      for (const args of commands) replies.push(await command(args));
      return replies;
    },
    async transaction(commands) {
      // Like Redis, an unknown command discards the whole block before anything runs.
      const missing = commands.find(([name]) => !method(mock, name as string));
      if (missing) throw new TransactionAbortedError(`EXECABORT ${unknown(missing[0] as string)}`);
      const multi = mock.multi(commands) as unknown as Pipelinable;
      return ((await multi.exec()) ?? []).map(replyOf);
    },
    async stop() {
      mock.disconnect();
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** Starts `redis-server` on a free port; resolves null when there is no redis-server on PATH. */
async function startRedisServer(dataDir: string | undefined): Promise<{ port: number; child: ChildProcess } | null> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const persistence = dataDir ? ["--dir", dataDir, "--save", "60 1"] : ["--save", ""];
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "no", ...persistence],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const outcome = await new Promise<"ready" | "missing" | "failed">((resolve) => {
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve("ready");
      });
      child.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ENOENT" ? "missing" : "failed"));
      child.once("exit", () => resolve("failed"));
    });
    if (outcome === "missing") return null;
    if (outcome === "ready") {
      // Whatever way this process ends, the server it started ends with it.
      const killOnExit = () => child.kill();
      process.once("exit", killOnExit);
      child.once("exit", () => process.off("exit", killOnExit));
      return { port, child };
    }
    // Most likely another process took the port between the probe and the start: try another.
  }
  throw new Error("redis-server did not start (three attempts)");
}

async function connect(url: string): Promise<Redis> {
  const redis = new IORedis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Reconnection is ioredis's business; the bridge answers 503 meanwhile.
  redis.on("error", () => {});
  await redis.connect();
  return redis;
}

/**
 * The Redis behind the bridge: REDIS_URL when given, else a `redis-server` from PATH started
 * on a free port (stopped with the backend), else ioredis-mock in this process.
 */
export async function openRedisBackend(options: RedisBackendOptions = {}): Promise<RedisBackend> {
  const log = options.log ?? (() => {});
  if (options.redisUrl) {
    const redis = await connect(options.redisUrl);
    log(`Redis at ${options.redisUrl.replace(/\/\/[^@]*@/, "//…@")}`);
    return ioredisBackend(redis, "redis-url", options.redisUrl, async () => {});
  }
  const started = options.inProcess ? null : await startRedisServer(options.dataDir);
  if (started) {
    const where = `redis://127.0.0.1:${started.port}`;
    const redis = await connect(where).catch((error: unknown) => {
      started.child.kill();
      throw error;
    });
    log(`redis-server started on ${where}${options.dataDir ? ` (data in ${options.dataDir})` : ""}`);
    return ioredisBackend(redis, "redis-server", where, async () => {
      if (started.child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => started.child.once("exit", () => resolve()));
      started.child.kill("SIGTERM");
      await exited;
    });
  }
  log(
    options.inProcess
      ? "in-process Redis engine (ioredis-mock); data lives in memory only"
      : "no REDIS_URL and no redis-server on PATH: using the in-process engine ioredis-mock (data in memory only; install redis-server for the real thing)",
  );
  return mockBackend();
}
