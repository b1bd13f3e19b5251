import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const PROTOCOL_V3 = 196608;
const SSL_REQUEST = 80877103;
/** Message types after which the client waits for the server (Sync, Query, Flush, password): a unit no other client may split. */
const BATCH_END = new Set(["S", "Q", "H", "p"]);

interface Batch {
  client: number;
  messages: Uint8Array[];
  socket: Socket;
  done: () => void;
}

/**
 * Serves one PGlite database over the Postgres wire protocol to many clients. PGlite has a
 * single session, so each client's extended-protocol batch (Parse … Sync) runs as one unit;
 * interleaving them message by message (as @electric-sql/pglite-socket's multiplexer does)
 * lets one client's Parse replace another's unnamed statement. An open transaction keeps
 * (or a Flush mid-exchange) keeps the session for its client until it ends. Only the first client's handshake reaches
 * PGlite: a later startup or Terminate would reset its one session under the others, so
 * later clients are answered with the recorded post-authentication reply. `onQuery` is told
 * of every statement a client runs (the load test counts origin queries with it).
 */
export function servePglite(db: PGlite, options: { onQuery?: () => void } = {}): Server {
  const queue: Batch[] = [];
  let running = false;
  let owner: number | null = null;
  let nextClient = 1;
  let handshake: Promise<Uint8Array> | null = null;
  let recordHandshake: (reply: Uint8Array) => void = () => {};

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    while (queue.length > 0) {
      const index = owner === null ? 0 : queue.findIndex((b) => b.client === owner);
      if (index < 0) break; // the transaction's owner has not sent its next batch yet
      const [batch] = queue.splice(index, 1) as [Batch];
      for (const message of batch.messages) {
        // A simple Query or an extended-protocol Execute: one statement run for a client.
        if (message[0] === 81 /* 'Q' */ || message[0] === 69 /* 'E' */) options.onQuery?.();
        const reply = await db.execProtocolRaw(message);
        if (message[0] === 112 /* 'p' */) recordHandshake(reply);
        if (reply.length > 0 && !batch.socket.destroyed) batch.socket.write(reply);
      }
      // After a Flush the client sends the rest of its exchange (Bind … Sync) once it has the
      // reply; until then, as inside a transaction, the session stays with it.
      const last = batch.messages.at(-1)?.[0];
      owner = db.isInTransaction() || last === 72 /* 'H' */ ? batch.client : null;
      batch.done();
    }
    running = false;
  }

  return createServer((socket) => {
    const client = nextClient++;
    let buffer = Buffer.alloc(0);
    let pending: Uint8Array[] = [];
    let started = false;
    let chain = Promise.resolve();

    const submit = (messages: Uint8Array[]) => {
      chain = chain.then(
        () =>
          new Promise<void>((done) => {
            queue.push({ client, messages, socket, done });
            void drain();
          }),
      );
    };

    socket.setNoDelay(true);
    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST) {
            socket.write("N");
            continue;
          }
          started = code === PROTOCOL_V3;
          if (handshake) {
            void handshake.then((reply) => socket.write(reply));
          } else {
            handshake = new Promise((resolve) => {
              recordHandshake = resolve;
            });
            submit([new Uint8Array(message)]);
          }
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const type = String.fromCharCode(buffer[0] as number);
        const message = new Uint8Array(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        if (type === "X") {
          socket.end();
          return;
        }
        pending.push(message);
        if (BATCH_END.has(type)) {
          submit(pending);
          pending = [];
        }
      }
    });
    const release = () => {
      // A client gone mid-transaction must not hold the session forever.
      chain = chain.then(async () => {
        if (owner === client) {
          owner = null;
          if (db.isInTransaction()) await db.exec("ROLLBACK");
          void drain();
        }
      });
    };
    socket.on("close", release);
    socket.on("error", () => socket.destroy());
  });
}
