import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";

/**
 * Quiz sources for the pipeline tests, on 127.0.0.1 (allowed by SCRAPER_ALLOWED_PRIVATE_HOSTS
 * in the test bindings). Tests running in workerd upload documents and read hit counts:
 *   PUT  /files/:name          store a document (x-content-type, x-fail-times: answer 500 that often first)
 *   GET  /files/:name          serve it
 *   GET  /hits/:name           how often it was requested
 *   GET  /fixtures/:path       a file of ../shared/fixtures
 *   GET  /redirect/:n/:name    n redirects, then /files/:name
 *   GET  /redirect-to?url=     one redirect to any URL
 *   GET  /status/:code         an empty answer with that status
 *   GET  /slow                 headers only after 30 s
 *   GET  /big?declared=1       2 MiB, streamed (with Content-Length when declared)
 */
export interface SourceServer {
  url: string;
  stop(): Promise<void>;
}

interface StoredFile {
  body: Buffer;
  contentType: string;
  failTimes: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSourceServer(fixturesDir: string): Promise<SourceServer> {
  const files = new Map<string, StoredFile>();
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const [route, ...rest] = parts;
    const name = rest.join("/");
    if (route === "files" && req.method === "PUT") {
      files.set(name, {
        body: await readBody(req),
        contentType: String(req.headers["x-content-type"] ?? "text/plain; charset=utf-8"),
        failTimes: Number(req.headers["x-fail-times"] ?? 0),
      });
      hits.set(name, 0);
      res.writeHead(204).end();
      return;
    }
    if (route === "files") {
      hits.set(name, (hits.get(name) ?? 0) + 1);
      const file = files.get(name);
      if (!file) return void res.writeHead(404).end();
      if (file.failTimes > 0) {
        file.failTimes--;
        return void res.writeHead(500).end("try again");
      }
      res.writeHead(200, { "content-type": file.contentType, "content-length": file.body.byteLength }).end(file.body);
      return;
    }
    if (route === "hits") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ hits: hits.get(name) ?? 0 }));
      return;
    }
    if (route === "fixtures") {
      const path = normalize(join(fixturesDir, name));
      if (!path.startsWith(fixturesDir)) return void res.writeHead(403).end();
      try {
        res.writeHead(200).end(await readFile(path));
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    if (route === "redirect") {
      const [n, ...target] = rest;
      const left = Number(n);
      const location = left <= 1 ? `/files/${target.join("/")}` : `/redirect/${left - 1}/${target.join("/")}`;
      res.writeHead(302, { location }).end();
      return;
    }
    if (route === "redirect-to") {
      res.writeHead(302, { location: url.searchParams.get("url") ?? "/" }).end();
      return;
    }
    if (route === "status") return void res.writeHead(Number(rest[0]) || 500).end();
    if (route === "slow") {
      const timer = setTimeout(() => res.writeHead(200).end("late"), 30_000);
      timers.add(timer);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (route === "big") {
      const size = 2 * 1024 * 1024;
      const headers: Record<string, string | number> = { "content-type": "text/plain" };
      if (url.searchParams.has("declared")) headers["content-length"] = size;
      res.writeHead(200, headers);
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let sent = 0; sent < size; sent += chunk.byteLength) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
        if (res.destroyed) return;
      }
      res.end();
      return;
    }
    res.writeHead(404).end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
