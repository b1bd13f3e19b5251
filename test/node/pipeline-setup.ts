import type { TestProject } from "vitest/node";
import { unstable_readConfig } from "wrangler";
import { startFakeOpenAi } from "./fake-openai.ts";
import { startSourceServer } from "./source-server.ts";

const FIXTURES = new URL("../../../shared/fixtures", import.meta.url).pathname;
const WRANGLER_CONFIG = new URL("../../wrangler.toml", import.meta.url).pathname;

/**
 * Starts the Node-side servers the pipeline tests reach from workerd, on free ports, and hands
 * over the queue consumers' settings as wrangler reads them (workerd cannot read the file).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sources = await startSourceServer(FIXTURES);
  const openai = await startFakeOpenAi();
  project.provide("sourceServerUrl", sources.url);
  project.provide("fakeOpenAiUrl", openai.url);
  const consumers: { queue: string; max_retries?: number; dead_letter_queue?: string }[] =
    unstable_readConfig({ config: WRANGLER_CONFIG }).queues.consumers ?? [];
  project.provide(
    "queueConsumers",
    consumers.map((c) => ({
      queue: c.queue,
      maxRetries: c.max_retries ?? null,
      deadLetterQueue: c.dead_letter_queue ?? null,
    })),
  );
  return async () => {
    await Promise.all([sources.stop(), openai.stop()]);
  };
}
