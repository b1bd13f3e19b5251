import { env } from "cloudflare:test";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { FetchError, type SafeFetchOptions, safeFetch } from "../../src/pipeline/fetch/safe-fetch.ts";
import { scrapeConsumerDeps } from "../../workers/composition.ts";

const MiB = 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(97);

/** A source of `size` bytes, streamed in chunks, optionally declaring its length. */
function sourceOf(size: number, declared = false): typeof fetch {
  return async () => {
    let left = size;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (left === 0) return controller.close();
        const chunk = CHUNK.subarray(0, Math.min(left, CHUNK.byteLength));
        left -= chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(body, { headers: declared ? { "content-length": String(size) } : {} });
  };
}

async function failure(url: string, options: SafeFetchOptions): Promise<FetchError> {
  const error = await safeFetch(url, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

/** The options the scrape consumer fetches sources with, as the Worker wires them. */
const sourceOptions = () => scrapeConsumerDeps(env).fetchOptions;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the scraper's fetch defaults (25 s, 8 MB)", () => {
  it("reads a source of exactly 8 MB and refuses one byte more, streamed or declared", async () => {
    const url = "https://quiz-source.test/bank.json";
    const doc = await safeFetch(url, { ...sourceOptions(), fetch: sourceOf(8 * MiB) });
    expect(doc.bytes.byteLength).toBe(8 * MiB);
    const streamed = await failure(url, { ...sourceOptions(), fetch: sourceOf(8 * MiB + 1) });
    expect(streamed.message).toBe(`the document is larger than the limit of ${8 * MiB} bytes`);
    expect(streamed.retryable).toBe(false);
    const declared = await failure(url, { ...sourceOptions(), fetch: sourceOf(8 * MiB + 1, true) });
    expect(declared.message).toBe(`the document is ${8 * MiB + 1} bytes; the limit is ${8 * MiB}`);
  });

  it("gives the whole exchange 25 s, then aborts it as a retryable failure", async () => {
    // The deadline's signal is made with the configured time and fires at once, so nothing waits 25 s.
    const deadlines: number[] = [];
    vi.spyOn(AbortSignal, "timeout").mockImplementation((ms) => {
      deadlines.push(ms);
      return AbortSignal.abort(new DOMException("deadline passed", "TimeoutError"));
    });
    let signal: AbortSignal | null | undefined;
    const watched: typeof fetch = (input, init) => {
      signal = init?.signal;
      return fetch(input, init);
    };
    // A server that answers only after 30 s.
    const error = await failure(`${inject("sourceServerUrl")}/slow`, { ...sourceOptions(), fetch: watched });
    expect(deadlines).toEqual([25_000]);
    expect(signal?.reason).toMatchObject({ name: "TimeoutError" });
    expect(error.message).toBe("no complete answer within 25000 ms");
    expect(error.retryable).toBe(true);
  });
});
