import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

const RESULTS = new URL("../bench/results.json", import.meta.url).pathname;

/**
 * The benchmarks run inside workerd, which cannot write files: they post their figures here,
 * and at teardown they are written to test/bench/results.json under the key the URL path names
 * (`/answer_stream`; the root is `"pipeline"`), leaving every other key as it was.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const figures = new Map<string, unknown>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const key = (req.url ?? "/").slice(1) || "pipeline";
      figures.set(key, JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("benchCollectorUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return async () => {
    server.close();
    if (figures.size === 0) return;
    let results: Record<string, unknown> = {};
    try {
      results = JSON.parse(await readFile(RESULTS, "utf8"));
    } catch {
      // First benchmark to write the file.
    }
    for (const [key, value] of figures) results[key] = value;
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`${[...figures.keys()].join(", ")} figures written to ${RESULTS}`);
  };
}
