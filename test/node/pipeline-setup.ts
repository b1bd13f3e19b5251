import type { TestProject } from "vitest/node";
import { startFakeOpenAi } from "./fake-openai.ts";
import { startSourceServer } from "./source-server.ts";

const FIXTURES = new URL("../../../shared/fixtures", import.meta.url).pathname;

/** Starts the Node-side servers the pipeline tests reach from workerd, on free ports. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sources = await startSourceServer(FIXTURES);
  const openai = await startFakeOpenAi();
  project.provide("sourceServerUrl", sources.url);
  project.provide("fakeOpenAiUrl", openai.url);
  return async () => {
    await Promise.all([sources.stop(), openai.stop()]);
  };
}
