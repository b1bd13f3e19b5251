import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import type { TestProject } from "vitest/node";

/** Postgres frontend message types that run a statement: Query (simple) and Execute (extended). */
const STATEMENT_TYPES = new Set(["Q".charCodeAt(0), "E".charCodeAt(0)]);
const SSL_REQUEST = 80877103;

/**
 * Counts the statements a client sends, reading the frontend side of the wire protocol: the
 * untyped start-up messages (an SSL request, then the start-up packet), then typed messages.
 */
function statementCounter(onStatement: () => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let startedUp = false;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!startedUp) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        if (buffer.readInt32BE(4) !== SSL_REQUEST) startedUp = true;
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      if (STATEMENT_TYPES.has(buffer[0] as number)) onStatement();
      buffer = buffer.subarray(length + 1);
    }
  };
}

/**
 * Benchmarks: a TCP proxy in front of the origin that counts the statements the Worker sends
 * through it (`countedOriginUrl`), with the count read and reset over HTTP (`statementCounterUrl`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // global-setup.ts runs first and provides the origin.
  const origin = new URL(project.getProvidedContext().originUrl);
  let statements = 0;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(Number(origin.port), origin.hostname);
    const count = statementCounter(() => statements++);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.on("data", (chunk: Buffer) => {
      count(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const counter = createHttpServer((req, res) => {
    if (req.method === "POST") statements = 0;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ statements }));
  });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(origin.href);
  proxied.port = String((proxy.address() as AddressInfo).port);
  project.provide("countedOriginUrl", proxied.href);
  project.provide("statementCounterUrl", `http://127.0.0.1:${(counter.address() as AddressInfo).port}/`);
  return async () => {
    for (const s of sockets) s.destroy();
    proxy.close();
    counter.close();
  };
}
