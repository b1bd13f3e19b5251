import { describe, expect, it } from "vitest";
import { readCapped } from "../../src/http/read-capped.ts";

class TooLarge extends Error {
  constructor(readonly declared?: number) {
    super("too large");
  }
}
const tooLarge = (declared?: number) => new TooLarge(declared);

/** A body of `chunks` chunks of `size` bytes each (byte i of chunk k is k), recording pulls and a cancel. */
function chunkedBody(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(seen.pulled));
      seen.pulled++;
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

async function refusal(promise: Promise<unknown>): Promise<TooLarge> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TooLarge) return error;
    throw error;
  }
  throw new Error("expected the read to be refused");
}

describe("capped body reader", () => {
  it("joins the chunks of a body within the cap, up to exactly the cap", async () => {
    const { stream } = chunkedBody(3, 4);
    const bytes = await readCapped(new Response(stream), 12, tooLarge);
    expect([...bytes]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("refuses a declared length over the cap before reading, and cancels the body", async () => {
    const { stream, seen } = chunkedBody(1, 4);
    const request = new Request("http://x/", {
      method: "POST",
      body: stream,
      headers: { "content-length": "100" },
      duplex: "half",
    } as RequestInit);
    const error = await refusal(readCapped(request, 10, tooLarge));
    expect(error.declared).toBe(100);
    expect(seen.cancelled).toBe(true);
  });

  it("stops a stream without a length as soon as it passes the cap", async () => {
    const { stream, seen } = chunkedBody(1000, 1024);
    const error = await refusal(readCapped(new Response(stream), 3000, tooLarge));
    expect(error.declared).toBeUndefined();
    expect(seen.cancelled).toBe(true);
    // Three chunks fit, the fourth passes the cap; a reader reading on would pull all 1000.
    expect(seen.pulled).toBeLessThan(10);
  });

  it("counts the bytes a body sends, not the length it declares", async () => {
    const response = new Response("x".repeat(50), { headers: { "content-length": "5" } });
    await refusal(readCapped(response, 10, tooLarge));
  });

  it("reads a missing or empty body as no bytes", async () => {
    expect((await readCapped(new Response(null), 10, tooLarge)).byteLength).toBe(0);
    expect((await readCapped(new Request("http://x/"), 10, tooLarge)).byteLength).toBe(0);
    expect((await readCapped(new Response(""), 10, tooLarge)).byteLength).toBe(0);
  });
});
