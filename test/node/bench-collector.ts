import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

const RESULTS = new URL("../bench/results.json", import.meta.url).pathname;

/**
 * The benchmark runs inside workerd, which cannot write files: it posts its figures here, and
 * at teardown they are written under `"pipeline"` in test/bench/results.json, leaving every
 * other key (the edge benchmark's) as it was.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let figures: unknown = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      figures = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("benchCollectorUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return async () => {
    server.close();
    if (!figures) return;
    let results: Record<string, unknown> = {};
    try {
      results = JSON.parse(await readFile(RESULTS, "utf8"));
    } catch {
      // First benchmark to write the file.
    }
    results.pipeline = figures;
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`pipeline figures written to ${RESULTS}`);
  };
}
