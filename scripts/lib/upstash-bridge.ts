import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  openRedisBackend,
  type RedisBackend,
  type RedisBackendOptions,
  RedisUnavailableError,
  type Reply,
  TransactionAbortedError,
} from "./redis-backend.ts";
import { type RewrittenCommand, ScriptTranslator } from "./upstash-scripts.ts";

/**
 * A local server speaking Upstash's REST protocol (https://upstash.com/docs/redis/features/restapi)
 * in front of a real Redis, so `@upstash/redis` in the Worker works unchanged on this machine:
 * - `POST /` with a command as a JSON array, `POST /pipeline` and `POST /multi-exec` with an
 *   array of them;
 * - `Authorization: Bearer <token>`, else 401;
 * - `{ "result": … }` or `{ "error": "…" }` (400) per command; a pipeline answers 200 with one
 *   of those per command; a transaction Redis discarded (EXECABORT) is a 400 `{ error }`;
 * - with `Upstash-Encoding: base64` (what `@upstash/redis` sends by default) every string in a
 *   result is base64 of its bytes, except the status reply `OK`;
 * - `EVAL`/`EVALSHA`/`SCRIPT LOAD` with Upstash's own shebang flags (`@upstash/ratelimit`'s
 *   scripts) work, under the hashes the client computed (see upstash-scripts.ts);
 * - Redis unreachable: 503 `{ error }`.
 *
 * With `faultInjection` (the test suite's bridge only), `POST /__faults` with
 * `{ "match": "…", "down": true|false }` makes every request whose body contains `match` answer
 * 503 as if Redis were down, so a test can take Redis away from one learner's writes while
 * other tests go on; with `"replyLost": true` the request is carried out first and only its
 * reply is lost (a timeout after Redis applied it).
 */
export interface UpstashBridge {
  url: string;
  token: string;
  backend: RedisBackend;
  stop(): Promise<void>;
}

export interface UpstashBridgeOptions extends RedisBackendOptions {
  token: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Use this backend instead of opening one (several bridges over one Redis). */
  backendInstance?: RedisBackend;
  /** Serve `POST /__faults` (tests). */
  faultInjection?: boolean;
}

/** Upstash caps requests too; this keeps a runaway client from filling memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Commands that hold or change the state of the one shared connection, or block it: over
 * HTTP every request stands alone, as on Upstash.
 */
const REFUSED = new Set([
  "auth",
  "blmove",
  "blmpop",
  "blpop",
  "brpop",
  "brpoplpush",
  "bzmpop",
  "bzpopmax",
  "bzpopmin",
  "client",
  "discard",
  "exec",
  "hello",
  "monitor",
  "multi",
  "psubscribe",
  "psync",
  "punsubscribe",
  "quit",
  "replicaof",
  "reset",
  "select",
  "shutdown",
  "slaveof",
  "ssubscribe",
  "subscribe",
  "sync",
  "unsubscribe",
  "unwatch",
  "wait",
  "watch",
]);

class BadRequest extends Error {
  override name = "BadRequest";
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

/** One command from JSON: a non-empty array of strings and numbers, as the client sends them. */
function parseCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new BadRequest("ERR a command is a non-empty JSON array");
  const args = value.map((part) => {
    if (typeof part === "string") return part;
    if (typeof part === "number" && Number.isFinite(part)) return String(part);
    throw new BadRequest("ERR command arguments must be strings or numbers");
  });
  const name = (args[0] as string).toLowerCase();
  if (name === "" || REFUSED.has(name)) throw new BadRequest(`ERR '${args[0]}' is not supported over REST`);
  return args;
}

function parseCommands(value: unknown): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR a pipeline is a non-empty JSON array of commands");
  }
  return value.map(parseCommand);
}

/** A reply as JSON: Buffers and strings as text, or base64 of their bytes when asked. */
export function encodeResult(value: unknown, base64: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || typeof value === "string") {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    if (!base64) return bytes.toString("utf8");
    // Upstash leaves the OK status unencoded; its client reads "OK" either way.
    return bytes.length === 2 && bytes.toString() === "OK" ? "OK" : bytes.toString("base64");
  }
  if (Array.isArray(value)) return value.map((item) => encodeResult(item, base64));
  if (value instanceof Error) return null;
  return value;
}

function replyBody(reply: Reply, base64: boolean, command: RewrittenCommand): { result: unknown } | { error: string } {
  if ("error" in reply) return { error: reply.error };
  return { result: encodeResult(command.reply ? command.reply(reply.value) : reply.value, base64) };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest("ERR request body too large", 413);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest("ERR the body is not valid JSON");
  }
}

function authorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface BridgeState {
  backend: RedisBackend;
  token: string;
  scripts: ScriptTranslator;
  /** Body substrings that make a request fail, and whether it is carried out first; null when disabled. */
  faults: Map<string, { replyLost: boolean }> | null;
}

async function handleFaults(faults: NonNullable<BridgeState["faults"]>, req: IncomingMessage, res: ServerResponse) {
  const body = (await readBody(req)) as { match?: unknown; down?: unknown; replyLost?: unknown };
  if (typeof body?.match !== "string" || body.match === "" || typeof body.down !== "boolean") {
    return send(res, 400, { error: 'ERR expected { "match": string, "down": boolean, "replyLost"?: boolean }' });
  }
  if (body.down) faults.set(body.match, { replyLost: body.replyLost === true });
  else faults.delete(body.match);
  return send(res, 200, { result: [...faults.keys()] });
}

const INJECTED = { error: "ERR injected fault: Redis down" };

async function handle(
  { backend, token, scripts, faults }: BridgeState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://bridge").pathname.replace(/\/+$/, "") || "/";
  const known = ["/", "/pipeline", "/multi-exec", ...(faults ? ["/__faults"] : [])];
  if (!known.includes(path)) return send(res, 404, { error: "ERR unknown endpoint" });
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    return send(res, 405, { error: "ERR use POST" });
  }
  if (!authorized(req.headers.authorization, token)) return send(res, 401, { error: "Unauthorized" });
  const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
  try {
    if (faults && path === "/__faults") return await handleFaults(faults, req, res);
    const body = await readBody(req);
    const text = faults?.size ? JSON.stringify(body) : "";
    const fault = [...(faults ?? [])].find(([match]) => text.includes(match))?.[1];
    if (fault && !fault.replyLost) return send(res, 503, INJECTED);
    if (path === "/") {
      const command = scripts.rewrite(parseCommand(body));
      const reply = await backend.command(command.args);
      if (fault) return send(res, 503, INJECTED);
      return send(res, "error" in reply ? 400 : 200, replyBody(reply, base64, command));
    }
    const commands = parseCommands(body).map((args) => scripts.rewrite(args));
    const args = commands.map((command) => command.args);
    const replies = path === "/pipeline" ? await backend.pipeline(args) : await backend.transaction(args);
    if (fault) return send(res, 503, INJECTED);
    return send(
      res,
      200,
      replies.map((reply, i) => replyBody(reply, base64, commands[i] as RewrittenCommand)),
    );
  } catch (error) {
    if (error instanceof BadRequest) return send(res, error.status, { error: error.message });
    if (error instanceof TransactionAbortedError) return send(res, 400, { error: error.message });
    if (error instanceof RedisUnavailableError)
      return send(res, 503, { error: `ERR Redis unavailable: ${error.message}` });
    return send(res, 500, { error: `ERR ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** Starts the bridge on 127.0.0.1 (and its Redis, unless one is handed in). */
export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const backend = options.backendInstance ?? (await openRedisBackend(options));
  const sockets = new Set<Socket>();
  const state: BridgeState = {
    backend,
    token: options.token,
    scripts: new ScriptTranslator(),
    faults: options.faultInjection ? new Map() : null,
  };
  const server = createServer((req, res) => void handle(state, req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    backend,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.backendInstance) await backend.stop();
    },
  };
}
