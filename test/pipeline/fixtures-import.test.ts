import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { ValidateMessage } from "../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { createRun } from "../../src/pipeline/runs/run-store.ts";
import { consumeScrapeBatch } from "../../src/pipeline/scrape/scrape-consumer.ts";
import { scrapeConsumerDeps } from "../../workers/composition.ts";
import worker from "../../workers/index.ts";
import { runOf } from "../helpers/runs.ts";
import { publishSettings } from "../helpers/settings.ts";

/**
 * Every real-world file of ../shared/fixtures (SOURCES.md) through the whole pipeline: served
 * over HTTP, fetched, parsed, deduplicated, validated offline and stored. Every record must be
 * accounted for. Skipped, with a note, when the folder is absent (a user's clone has none).
 */
const files = inject("sharedFixtures");
const paths = files ? Object.keys(files).sort() : [];
if (!files) console.info("fixtures-import: ../shared/fixtures is absent; skipping the real-world pipeline imports");

function sourceFor(path: string, id: string): ScraperSource {
  const url = `${inject("sourceServerUrl")}/fixtures/${path}`;
  const base = { id, url, enabled: true, language: "en" };
  const folder = path.split("/")[0];
  if (folder === "opentdb") return { ...base, format: "opentdb", encoding: "default" };
  if (folder === "csv") {
    return {
      ...base,
      format: "csv",
      delimiter: ",",
      columns: { question: "questiontext", correct: "answer", incorrect: "choices", explanation: "generalfeedback" },
    };
  }
  return { ...base, format: folder as "gift" | "aiken" | "moodle-xml" };
}

function capture() {
  const sent: ValidateMessage[] = [];
  const queue = {
    async send(body: ValidateMessage) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<ValidateMessage>>) {
      for (const m of messages) sent.push(m.body);
    },
  } as unknown as Queue<ValidateMessage>;
  return { queue, sent };
}

describe.skipIf(!files)("real-world fixtures through the pipeline", () => {
  it.each(paths)(
    "%s imports, every record accounted for",
    async (path) => {
      await publishSettings({});
      // The OpenTDB files share one host; its 5 s spacing is tested elsewhere.
      await env.DB.prepare("DELETE FROM fetch_slots").run();
      const id = `fx-${paths.indexOf(path)}`;
      const source = sourceFor(path, id);
      const runId = `run_fx_${crypto.randomUUID().slice(0, 8)}`;
      await createRun(env.DB, {
        id: runId,
        trigger: "manual",
        dueAt: null,
        requestedBy: null,
        sources: [source],
        now: new Date().toISOString(),
      });

      const validate = capture();
      const scrapeBatch = createMessageBatch("edge-quiz-scrape", [
        { id: `scrape-${id}`, timestamp: new Date(), attempts: 1, body: { kind: "scrape", runId, source } },
      ]);
      await consumeScrapeBatch(scrapeBatch, { ...scrapeConsumerDeps(env), validateQueue: validate.queue });
      expect((await getQueueResult(scrapeBatch, createExecutionContext())).explicitAcks).toEqual([`scrape-${id}`]);

      // Deliver the validate messages as Queues would, max_batch_size at a time.
      for (let i = 0; i < validate.sent.length; i += 10) {
        const batch = createMessageBatch(
          "edge-quiz-validate",
          validate.sent
            .slice(i, i + 10)
            .map((body, j) => ({ id: `v-${id}-${i + j}`, timestamp: new Date(), attempts: 1, body })),
        );
        const ctx = createExecutionContext();
        await worker.queue(batch, env, ctx);
        expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
      }

      const run = await runOf(runId);
      const s = run.sources[0];
      if (!s) throw new Error("no source in the run");
      expect(s.status).toBe("completed");
      expect(s.fetched).toBe(s.parsed + s.skipped + s.failed);
      expect(s.accepted + s.rejected + s.review + s.duplicates).toBe(s.parsed);
      // OpenTDB's "no results" answer (response_code 1) is the only file without questions.
      if (!path.includes("api_fail_respcode_1")) expect(s.parsed).toBeGreaterThan(0);
      // Broken and skipped records are reported one by one (up to the per-source cap).
      // (Media the media module refuses, such as GeoGebra files, is reported too, as stage "media".)
      expect(s.errors.filter((e) => e.stage === "skip" || e.stage === "parse").length).toBe(
        Math.min(100, s.skipped + s.failed),
      );
      for (const e of s.errors.filter((e) => e.stage === "skip" || e.stage === "parse")) expect(e.record).toBeTruthy();
    },
    240_000,
  );
});
