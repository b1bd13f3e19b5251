import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import type { TestProject } from "vitest/node";
import { startUpstashBridge } from "../../scripts/lib/upstash-bridge.ts";

/** A TCP server that accepts connections and never answers: a Redis that times out. */
async function startSilentServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The Upstash REST bridge the Worker's UPSTASH_REDIS_REST_* bindings point at: in front of
 * REDIS_URL when set, else a redis-server started on a free port (CI installs Debian's). A
 * second bridge runs the in-process fallback (ioredis-mock) for the bridge's own tests, and a
 * silent server stands in for a Redis that never answers.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const token = randomBytes(16).toString("hex");
  const log = (message: string) => console.log(`[redis] ${message}`);
  const bridge = await startUpstashBridge({ token, redisUrl: process.env.REDIS_URL, log, faultInjection: true });
  const mockBridge = await startUpstashBridge({ token, inProcess: true });
  const silent = await startSilentServer();
  project.provide("redisRestUrl", bridge.url);
  project.provide("redisRestToken", token);
  project.provide("redisBackend", bridge.backend.kind);
  project.provide("mockRedisRestUrl", mockBridge.url);
  project.provide("silentRedisRestUrl", silent.url);
  return async () => {
    await Promise.all([bridge.stop(), mockBridge.stop(), silent.stop()]);
  };
}
