import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { TestProject } from "vitest/node";
import { type EmbeddedOrigin, startEmbeddedOrigin } from "../../scripts/lib/embedded-origin.ts";
import { migrateOrigin, resetOrigin, seedOrigin } from "../../scripts/lib/origin-setup.ts";
import { buildQuestionBank } from "../../src/seed/question-bank.ts";

const FIXTURES = new URL("../../../shared/fixtures", import.meta.url).pathname;

async function readFixtures(): Promise<Record<string, string> | null> {
  let entries: string[];
  try {
    entries = await readdir(FIXTURES, { recursive: true });
  } catch {
    return null;
  }
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const path = join(FIXTURES, entry);
    if (entry.endsWith(".md")) continue;
    try {
      files[relative(FIXTURES, path)] = (await readFile(path)).toString("base64");
    } catch {
      // a directory
    }
  }
  return files;
}

/**
 * Starts the origin the Workers under test reach through Hyperdrive: a real PostgreSQL when
 * TEST_ORIGIN_URL is set (CI), otherwise embedded PGlite. Migrated and seeded with the bank.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedOrigin | undefined;
  let url = process.env.TEST_ORIGIN_URL;
  if (url) {
    await resetOrigin(url);
  } else {
    embedded = await startEmbeddedOrigin({ port: 0 });
    url = embedded.url;
  }
  await migrateOrigin(url);
  await seedOrigin(url, await buildQuestionBank());
  project.provide("originUrl", url);
  project.provide("originKind", embedded ? "pglite" : "postgresql");
  project.provide("sharedFixtures", await readFixtures());
  return async () => {
    await embedded?.stop();
  };
}
