import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedOrigin {
  url: string;
  stop(): Promise<void>;
}

/**
 * Postgres compiled to WASM (PGlite), served over the Postgres wire protocol so the Worker
 * reaches it through Hyperdrive exactly as it reaches Supabase or a Hetzner server.
 * `dataDir` persists between runs; omitted, the database lives in memory.
 */
export async function startEmbeddedOrigin(options: { port: number; dataDir?: string }): Promise<EmbeddedOrigin> {
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port, maxConnections: 64 });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.split(":").pop());
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
