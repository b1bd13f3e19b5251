import { beforeAll, describe, expect, inject, it } from "vitest";
import { FetchError, type SafeFetchOptions, safeFetch } from "../../../src/pipeline/fetch/safe-fetch.ts";
import { putSource } from "../../helpers/sources.ts";

const base = inject("sourceServerUrl");
const options: SafeFetchOptions = {
  allowedPrivateHosts: new Set(["127.0.0.1"]),
  timeoutMs: 2_000,
  maxBytes: 1024 * 1024,
};

async function failure(url: string, opts: Partial<SafeFetchOptions> = {}): Promise<FetchError> {
  try {
    await safeFetch(url, { ...options, ...opts });
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to fail`);
}

beforeAll(async () => {
  await putSource("fetch/hello.txt", "hello quiz");
});

describe("guarded fetch", () => {
  it("reads an allowed local document", async () => {
    const doc = await safeFetch(`${base}/files/fetch/hello.txt`, options);
    expect(new TextDecoder().decode(doc.bytes)).toBe("hello quiz");
    expect(doc.contentType).toContain("text/plain");
  });

  it("refuses a private host that is not listed", async () => {
    const error = await failure(`${base}/files/fetch/hello.txt`, { allowedPrivateHosts: new Set() });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("private");
  });

  it("follows up to five redirects, each hop checked, and refuses a sixth", async () => {
    const doc = await safeFetch(`${base}/redirect/5/fetch/hello.txt`, options);
    expect(doc.url).toBe(`${base}/files/fetch/hello.txt`);
    const error = await failure(`${base}/redirect/6/fetch/hello.txt`);
    expect(error.message).toContain("more than 5 redirects");
  });

  it("refuses a redirect to a private or link-local address", async () => {
    for (const target of ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/", "http://[::1]/"]) {
      const error = await failure(`${base}/redirect-to?url=${encodeURIComponent(target)}`);
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/private|loopback/);
    }
    const error = await failure(`${base}/redirect-to?url=${encodeURIComponent("file:///etc/passwd")}`);
    expect(error.message).toContain("http(s)");
  });

  it("gives up after the timeout, as a retryable failure", async () => {
    // The server answers after 30 s: the request must end by the deadline's abort, not by its answer.
    let signal: AbortSignal | null | undefined;
    const watched: typeof fetch = (input, init) => {
      signal = init?.signal;
      return fetch(input, init);
    };
    const error = await failure(`${base}/slow`, { timeoutMs: 300, fetch: watched });
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("300 ms");
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({ name: "TimeoutError" });
  });

  it("caps the body size, declared or streamed", async () => {
    const declared = await failure(`${base}/big?declared=1`);
    expect(declared.retryable).toBe(false);
    expect(declared.message).toContain("limit");
    const streamed = await failure(`${base}/big`);
    expect(streamed.message).toContain("larger than the limit");
  });

  it("treats 5xx and 429 as retryable and other errors as final", async () => {
    expect((await failure(`${base}/status/503`)).retryable).toBe(true);
    expect((await failure(`${base}/status/429`)).retryable).toBe(true);
    expect((await failure(`${base}/status/404`)).retryable).toBe(false);
    expect((await failure(`${base}/status/403`)).retryable).toBe(false);
  });
});
