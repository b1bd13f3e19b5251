import { afterEach, describe, expect, it, vi } from "vitest";
import { AnswerClaims, replyWithin } from "../../../src/sessions/object/answer-claims.ts";
import type { ObjectReply } from "../../../src/sessions/object/reply.ts";

afterEach(() => {
  vi.useRealTimers();
});

function deferred(): { promise: Promise<ObjectReply>; resolve: (r: ObjectReply) => void } {
  let resolve: (r: ObjectReply) => void = () => {};
  const promise = new Promise<ObjectReply>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("answer claims", () => {
  it("hold the key and the session while the work runs, and hand its reply to waiters", async () => {
    const claims = new AnswerClaims();
    const work = deferred();
    const held = claims.hold("s1", "s1\nk", "req", () => work.promise);
    expect(claims.busy("s1")).toBe(true);
    const claim = claims.running("s1\nk");
    expect(claim?.request).toBe("req");
    const waiter = replyWithin(claim as NonNullable<typeof claim>, 5000);
    work.resolve({ ok: true, status: 200, body: "{}" });
    expect(await held).toEqual({ ok: true, status: 200, body: "{}" });
    expect(await waiter).toEqual({ ok: true, status: 200, body: "{}" });
    expect(claims.busy("s1")).toBe(false);
    expect(claims.running("s1\nk")).toBeUndefined();
  });

  it("a waiter gives up when the first request takes too long (the 409 in flight)", async () => {
    vi.useFakeTimers();
    const claims = new AnswerClaims();
    const work = deferred();
    const held = claims.hold("s1", "s1\nk", "req", () => work.promise);
    const waiter = replyWithin(claims.running("s1\nk") as NonNullable<ReturnType<AnswerClaims["running"]>>, 5000);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await waiter).toBeNull();
    work.resolve({ ok: true, status: 200, body: "{}" });
    await held;
  });

  it("releases the claims when the work throws; waiters get a retryable reply", async () => {
    const claims = new AnswerClaims();
    const held = claims.hold("s1", "s1\nk", "req", () => Promise.reject(new Error("boom")));
    const waiter = replyWithin(claims.running("s1\nk") as NonNullable<ReturnType<AnswerClaims["running"]>>, 5000);
    await expect(held).rejects.toThrow("boom");
    expect(await waiter).toMatchObject({ ok: false, problem: { code: "unavailable" } });
    expect(claims.busy("s1")).toBe(false);
  });
});
