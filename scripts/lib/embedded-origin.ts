import type { AddressInfo, Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { servePglite } from "./pglite-wire-server.ts";

export interface EmbeddedOrigin {
  url: string;
  /** Statements clients have run so far (Query and Execute messages). */
  queries(): number;
  stop(): Promise<void>;
}

/**
 * Postgres compiled to WASM (PGlite), served over the Postgres wire protocol so the Worker
 * reaches it through Hyperdrive exactly as it reaches Supabase or a Hetzner server.
 * `dataDir` persists between runs; omitted, the database lives in memory.
 */
export async function startEmbeddedOrigin(options: { port: number; dataDir?: string }): Promise<EmbeddedOrigin> {
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  let queries = 0;
  const server = servePglite(db, {
    onQuery: () => {
      queries += 1;
    },
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    queries: () => queries,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
